// The instrumented program of the CCSP_OPTIONS end-to-end tests. `race`: two sibling writers
// of `a` (in WriteA) and two of `b` (in WriteB), unordered: two races. `clean`: joined in turn.
#include <cstdio>
#include <cstring>
#include <thread>

int a, b;

__attribute__((noinline)) void WriteA() { a = a + 1; }
__attribute__((noinline)) void WriteB() { b = b + 1; }

int main(int argc, char** argv) {
  bool race = argc > 1 && std::strcmp(argv[1], "race") == 0;
  for (void (*write)() : {WriteA, WriteB}) {
    std::thread first(write);
    if (!race) first.join();
    std::thread second(write);
    second.join();
    if (race) first.join();
  }
  std::printf("ran %d %d\n", a, b);
}
