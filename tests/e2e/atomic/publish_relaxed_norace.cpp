// Publishing data through a release store read by an acquire load: no race.
// EXPECT: no-race
// EXPECT: stdout 42
#include <atomic>
#include <cstdio>
#include <thread>

int data;
std::atomic<bool> ready{false};

int main() {
  std::thread producer([] {
    data = 42;
    ready.store(true, std::memory_order_release);
  });
  while (!ready.load(std::memory_order_acquire)) std::this_thread::yield();
  int seen = data;
  producer.join();
  std::printf("%d\n", seen);
}
