// A zero-width bit-field starts a new memory location: the two fields do not race.
// EXPECT: no-race
#include <cstdio>
#include <thread>

struct Flags {
  unsigned char ready : 4;
  unsigned char : 0;
  unsigned char done : 4;
};

int main() {
  Flags f{};
  std::thread t([&f] { f.ready = 1; });
  f.done = 1;
  t.join();
  std::printf("%d %d\n", f.ready, f.done);
}
