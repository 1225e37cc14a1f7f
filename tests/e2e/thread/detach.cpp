// A detached thread writes a global; main reads it after seeing a relaxed flag: a race
// (detach gives no edge, and the relaxed flag none either).
// EXPECT: race 13 17
#include <atomic>
#include <cstdio>
#include <thread>

int answer;
std::atomic<bool> done{false};

int main() {
  std::thread([] {
    answer = 42;                                 // (A)
    done.store(true, std::memory_order_relaxed);
  }).detach();
  while (!done.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::printf("%d\n", answer);                   // (B)
}
