// The racy twin of lamport_norace.cpp: after its atomics ran its stamps ahead, the first task
// writes the data outside the lock, and the reader only waits on a relaxed flag.
// EXPECT: race 20 25
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
int data;
std::atomic<bool> a_done{false};
std::atomic<long> private_counter{0};

int main() {
  std::thread a([] {
    {
      std::lock_guard lock(mu);
      for (int i = 0; i < 5000; ++i) private_counter.fetch_add(1, std::memory_order_relaxed);
    }
    data = 42;
    a_done.store(true, std::memory_order_relaxed);  // orders nothing
  });
  std::thread b([] {
    while (!a_done.load(std::memory_order_relaxed)) std::this_thread::yield();
    std::printf("data=%d\n", data);
  });
  a.join();
  b.join();
}
