// Publishing data through a relaxed flag: the reader sees the flag but nothing orders the
// data accesses, a race.
// EXPECT: race 13 17
#include <atomic>
#include <cstdio>
#include <thread>

int data;
std::atomic<bool> ready{false};

int main() {
  std::thread producer([] {
    data = 42;                                      // (A)
    ready.store(true, std::memory_order_relaxed);
  });
  while (!ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  int seen = data;                                  // (B)
  producer.join();
  std::printf("%d\n", seen);
}
