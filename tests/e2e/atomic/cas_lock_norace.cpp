// A hand-made spinlock: acquire CAS, release unlock store: no race on the counter.
// EXPECT: no-race
// EXPECT: stdout 2
#include <atomic>
#include <cstdio>
#include <thread>

std::atomic<int> lock_word{0};
int counter;

void locked_increment() {
  int expected = 0;
  while (!lock_word.compare_exchange_weak(expected, 1, std::memory_order_acquire,
                                          std::memory_order_relaxed)) {
    expected = 0;
    std::this_thread::yield();
  }
  counter++;
  lock_word.store(0, std::memory_order_release);
}

int main() {
  std::thread t(locked_increment);
  locked_increment();
  t.join();
  std::printf("%d\n", counter);
}
