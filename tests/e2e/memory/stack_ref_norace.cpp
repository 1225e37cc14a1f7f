// A local of main passed by reference to a thread, written by main only after join: no race.
// EXPECT: no-race
#include <cstdio>
#include <thread>

int main() {
  int total = 0;
  std::thread t([&total] { total = 1; });
  t.join();
  total += 2;
  std::printf("%d\n", total);
}
