// A heap block written by a thread and by main with no synchronization: a race.
// EXPECT: race 8 9
#include <cstdio>
#include <thread>

int main() {
  int* counter = new int(0);
  std::thread t([counter] { *counter = 1; });  // (A)
  *counter = 2;                                // (B)
  t.join();
  std::printf("%d\n", *counter > 0);
  delete counter;
}
