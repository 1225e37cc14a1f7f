// A thread reads the config without going through std::call_once: a race with the
// initializer's write.
// EXPECT: race 12 13
#include <cstdio>
#include <mutex>
#include <thread>

std::once_flag once;
int config;

int main() {
  std::thread t([] { std::call_once(once, [] { config = 42; }); });  // (A)
  int seen = config;                                                 // (B)
  t.join();
  std::printf("%d\n", seen == 0 || seen == 42);
}
