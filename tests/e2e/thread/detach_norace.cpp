// A detached thread publishes its result with a release store, main acquires it: no race.
// EXPECT: no-race
// EXPECT: stdout 42
#include <atomic>
#include <cstdio>
#include <thread>

int answer;
std::atomic<bool> done{false};

int main() {
  std::thread([] {
    answer = 42;
    done.store(true, std::memory_order_release);
  }).detach();
  while (!done.load(std::memory_order_acquire)) std::this_thread::yield();
  std::printf("%d\n", answer);
}
