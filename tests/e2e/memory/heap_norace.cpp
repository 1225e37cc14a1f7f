// A heap block written by a thread, then by main after join: no race.
// EXPECT: no-race
#include <cstdio>
#include <thread>

int main() {
  int* counter = new int(0);
  std::thread t([counter] { *counter = 1; });
  t.join();
  *counter += 2;
  std::printf("%d\n", *counter);
  delete counter;
}
