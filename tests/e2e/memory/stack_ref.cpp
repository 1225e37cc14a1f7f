// A local of main passed by reference to a thread; both write it unsynchronized: a race.
// EXPECT: race 8 9
#include <cstdio>
#include <thread>

int main() {
  int total = 0;
  std::thread t([&total] { total = 1; });  // (A)
  total = 2;                               // (B)
  t.join();
  std::printf("%d\n", total);
}
