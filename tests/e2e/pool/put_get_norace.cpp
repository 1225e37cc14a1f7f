// pool: put happens-before the get that returns that item, so the next user of a recycled
// buffer sees the previous user's writes, no race.
// EXPECT: no-race
// EXPECT: stdout total 10
#include <ccsp/ccsp.hpp>

#include <cstdio>
#include <vector>

struct Buffer {
  int bytes = 0;
};

int main() {
  ccsp::pool<Buffer> buffers;
  ccsp::wait_group wg;
  for (int i = 1; i <= 4; i++) {
    wg.add(1);
    ccsp::go([&buffers, &wg, i] {
      auto b = buffers.get();
      b->bytes += i;
      buffers.put(std::move(b));
      wg.done();
    });
  }
  wg.wait();
  int total = 0;
  std::vector<ccsp::pool<Buffer>::item> all;
  for (int i = 0; i < 4; i++) {
    all.push_back(buffers.get());
    total += all.back()->bytes;
  }
  std::printf("total %d\n", total);
}
