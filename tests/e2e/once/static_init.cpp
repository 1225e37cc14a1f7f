// A function-local static is initialized once, but later unsynchronized updates of it race.
// EXPECT: race 14 14
#include <cstdio>
#include <cstdlib>
#include <thread>

__attribute__((noinline)) int initial() { return std::getenv("NO_SUCH_VAR_E2E") ? 1 : 10; }

int& hits() {
  static int value = initial();
  return value;
}

void record() { hits()++; }  // (A)

int main() {
  std::thread t(record);
  record();
  t.join();
  std::printf("%d\n", hits());
}
