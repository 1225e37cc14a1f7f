// The same wait with main signalling: the thread wakes, the join returns.
// EXPECT: nothing
// EXPECT: stdout woke
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
std::condition_variable cv;
bool ready;

int main() {
  std::thread t([] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [] { return ready; });
  });
  {
    std::lock_guard<std::mutex> lock(mu);
    ready = true;
  }
  cv.notify_one();
  t.join();
  std::printf("woke\n");
}
