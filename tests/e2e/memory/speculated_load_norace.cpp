// A read guarded by a flag that is never set: the program never reads `data`, so there is no
// race, even at -O2 where the optimizer would like to load `data` before testing `ready`
// (the speculation guard keeps it from doing so in instrumented code).
// EXPECT: nothing
// EXPECT: stdout -1
#include <cstdio>
#include <thread>

int data;
int ready;  // never set

__attribute__((noinline)) int Reader() { return ready ? data : -1; }

int main() {
  std::thread w([] { data = 42; });
  int r = Reader();
  w.join();
  std::printf("%d\n", r);
}
