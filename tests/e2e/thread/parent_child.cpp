// A thread (not main) races with the thread it created: the parent writes after creating it.
// EXPECT: race 10 11
#include <cstdio>
#include <thread>

int shared;

int main() {
  std::thread parent([] {
    std::thread child([] { shared = 1; });  // (A)
    shared = 2;                             // (B)
    child.join();
  });
  parent.join();
  std::printf("%d\n", shared);
}
