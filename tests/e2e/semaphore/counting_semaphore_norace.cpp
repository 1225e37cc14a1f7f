// C++20 std::counting_semaphore (header atomics): release -> the acquire it satisfies,
// no race.
// EXPECT: no-race
// EXPECT: stdout 42
#include <cstdio>
#include <semaphore>
#include <thread>

std::counting_semaphore<4> ready(0);
int data;

int main() {
  std::thread t([] {
    data = 42;
    ready.release();
  });
  ready.acquire();
  int seen = data;
  t.join();
  std::printf("%d\n", seen);
}
