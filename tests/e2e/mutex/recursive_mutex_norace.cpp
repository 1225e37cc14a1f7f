// A std::recursive_mutex taken twice (nested) by both sides: no race, and no misuse report.
// EXPECT: nothing
// EXPECT: stdout 2
#include <cstdio>
#include <mutex>
#include <thread>

std::recursive_mutex mu;
int counter;

void add(int depth) {
  std::lock_guard<std::recursive_mutex> lock(mu);
  if (depth > 0) return add(depth - 1);
  counter++;
}

int main() {
  std::thread t(add, 1);
  add(2);
  t.join();
  std::printf("%d\n", counter);
}
