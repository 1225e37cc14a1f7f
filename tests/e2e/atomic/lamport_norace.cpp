// Seq stamps when atomics and locks mix: a task whose atomics ran its stamps far past the
// global counter then unlocks a mutex (the unlock must still come after them), and a task
// whose locks ran ahead then publishes with a release store. Both hand-offs order the data.
// EXPECT: no-race
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
int data;
std::atomic<bool> a_has_lock{false};
std::atomic<long> private_counter{0};
std::atomic<bool> published{false};
int data2;

int main() {
  std::thread a([] {
    std::lock_guard lock(mu);
    a_has_lock.store(true, std::memory_order_relaxed);  // orders nothing
    for (int i = 0; i < 5000; ++i) private_counter.fetch_add(1, std::memory_order_relaxed);
    data = 42;
  });
  std::thread b([] {
    while (!a_has_lock.load(std::memory_order_relaxed)) std::this_thread::yield();
    std::lock_guard lock(mu);  // waits for a's unlock
    std::printf("data=%d\n", data);
  });
  a.join();
  b.join();

  std::mutex private_mu;
  std::thread c([&] {
    for (int i = 0; i < 2000; ++i) std::lock_guard lock(private_mu);
    data2 = 7;
    published.store(true, std::memory_order_release);
  });
  std::thread d([] {
    while (!published.load(std::memory_order_acquire)) std::this_thread::yield();
    std::printf("data2=%d\n", data2);
  });
  c.join();
  d.join();
}
