// A thread creates a child after writing, and reads what the child wrote after joining it.
// EXPECT: no-race
// EXPECT: stdout 3
#include <cstdio>
#include <thread>

int shared;

int main() {
  std::thread parent([] {
    shared = 2;
    std::thread child([] { shared += 1; });
    child.join();
    std::printf("%d\n", shared);
  });
  parent.join();
}
