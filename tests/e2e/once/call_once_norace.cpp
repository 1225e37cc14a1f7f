// std::call_once: the callable happens-before every return from call_once, no race.
// EXPECT: no-race
// EXPECT: stdout 42 42 1
#include <cstdio>
#include <mutex>
#include <thread>

std::once_flag once;
int config;
int inits;

int get() {
  std::call_once(once, [] {
    config = 42;
    inits++;
  });
  return config;
}

int main() {
  int a = 0;
  std::thread t([&a] { a = get(); });
  int b = get();
  t.join();
  std::printf("%d %d %d\n", a, b, inits);
}
