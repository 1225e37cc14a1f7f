// Adjacent bit-fields share a memory location: writing them from two threads is a race.
// EXPECT: race 13 14
#include <cstdio>
#include <thread>

struct Flags {
  unsigned char ready : 4;
  unsigned char done : 4;
};

int main() {
  Flags f{};
  std::thread t([&f] { f.ready = 1; });  // (A)
  f.done = 1;                            // (B)
  t.join();
  std::printf("%d %d\n", f.ready, f.done);
}
