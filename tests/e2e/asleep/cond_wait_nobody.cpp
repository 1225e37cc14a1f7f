// A thread waits on a condition variable nobody signals while main joins it: all asleep.
// EXPECT: all-asleep
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex mu;
std::condition_variable cv;
bool ready;

int main() {
  std::thread t([] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [] { return ready; });  // (A) never signalled
  });
  t.join();
}
