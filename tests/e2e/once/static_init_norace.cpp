// A function-local static with a dynamic initializer, first used by two threads at once:
// __cxa_guard makes the initialization happen-before every use, no race.
// EXPECT: no-race
// EXPECT: stdout 10 10
#include <cstdio>
#include <cstdlib>
#include <thread>

struct Settings {
  int level;
  int limit;
  Settings() : level(std::getenv("NO_SUCH_VAR_E2E") ? 1 : 10), limit(level * 2) {}
};

const Settings& settings() {
  static Settings s;
  return s;
}

int main() {
  int a = 0;
  std::thread t([&a] { a = settings().level; });
  int b = settings().limit / 2;
  t.join();
  std::printf("%d %d\n", a, b);
}
