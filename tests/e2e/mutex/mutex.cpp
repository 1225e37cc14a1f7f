// One side increments under a std::mutex, main increments without taking it: a race.
// EXPECT: race 13 15
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
int counter;

int main() {
  std::thread t([] {
    std::lock_guard<std::mutex> lock(mu);
    counter++;  // (A)
  });
  counter++;    // (B) main never takes mu before this
  t.join();
  std::printf("%d\n", counter);
}
