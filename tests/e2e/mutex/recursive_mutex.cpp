// A std::recursive_mutex taken twice by the thread, not at all by main: a race.
// EXPECT: race 13 18
#include <cstdio>
#include <mutex>
#include <thread>

std::recursive_mutex mu;
int counter;

void add(int depth) {
  std::lock_guard<std::recursive_mutex> lock(mu);
  if (depth > 0) return add(depth - 1);
  counter++;  // (A)
}

int main() {
  std::thread t(add, 1);
  counter++;  // (B)
  t.join();
  std::printf("%d\n", counter);
}
