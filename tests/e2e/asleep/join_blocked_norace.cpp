// main releases the mutex before joining: the thread gets it, the join returns.
// EXPECT: nothing
// EXPECT: stdout joined
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;

int main() {
  std::unique_lock<std::mutex> hold(mu);
  std::thread t([] { std::lock_guard<std::mutex> lock(mu); });
  hold.unlock();
  t.join();
  std::printf("joined\n");
}
