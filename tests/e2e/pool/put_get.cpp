// A task keeps writing a buffer after putting it back in the pool; the next get hands the
// same buffer to main: a race (the pool holds just that one buffer).
// EXPECT: race 23 28
// EXPECT: stdout same buffer yes
#include <ccsp/ccsp.hpp>

#include <cstdio>

struct Buffer {
  int bytes = 0;
};

int main() {
  ccsp::pool<Buffer> buffers;
  ccsp::chan<Buffer*> handed(1);
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&buffers, handed, &wg]() mutable {
    auto b = buffers.get();
    Buffer* raw = b.get();
    buffers.put(std::move(b));
    handed.send(raw);
    raw->bytes = 1;            // (A) after put
    wg.done();
  });
  Buffer* first = handed.recv().value_or(nullptr);
  auto second = buffers.get();
  second->bytes = 2;           // (B)
  wg.wait();
  std::printf("same buffer %s\n", first == second.get() ? "yes" : "no");
}
