// The same counter as a std::atomic: no race.
// EXPECT: no-race
#include <atomic>
#include <cstdio>
#include <thread>

std::atomic<int> hits;

void hit() { hits.fetch_add(1); }

int main() {
  std::thread t(hit);
  hit();
  t.join();
  std::printf("%d\n", hits.load());
}
