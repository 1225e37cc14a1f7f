// A hand-made spinlock whose CAS and unlock store are relaxed gives no ordering: a race.
// EXPECT: race 16 16
#include <atomic>
#include <cstdio>
#include <thread>

std::atomic<int> lock_word{0};
int counter;

void locked_increment() {
  int expected = 0;
  while (!lock_word.compare_exchange_weak(expected, 1, std::memory_order_relaxed)) {
    expected = 0;
    std::this_thread::yield();
  }
  counter++;                                       // (A)
  lock_word.store(0, std::memory_order_relaxed);
}

int main() {
  std::thread t(locked_increment);
  locked_increment();
  t.join();
  std::printf("%d\n", counter);
}
