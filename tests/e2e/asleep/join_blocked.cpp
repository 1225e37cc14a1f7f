// main joins a thread that waits for a mutex main holds: everyone is asleep.
// EXPECT: all-asleep
#include <mutex>
#include <thread>

std::mutex mu;

int main() {
  std::lock_guard<std::mutex> hold(mu);
  std::thread t([] { std::lock_guard<std::mutex> lock(mu); });  // (A) blocks forever
  t.join();                                                      // (B) blocks forever
}
