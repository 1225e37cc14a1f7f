// Both sides increment under a std::mutex: unlock -> next lock orders them, no race.
// EXPECT: no-race
// EXPECT: stdout 2
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
int counter;

int main() {
  std::thread t([] {
    std::lock_guard<std::mutex> lock(mu);
    counter++;
  });
  {
    std::lock_guard<std::mutex> lock(mu);
    counter++;
  }
  t.join();
  std::printf("%d\n", counter);
}
