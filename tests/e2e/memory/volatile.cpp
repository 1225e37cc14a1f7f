// volatile is not atomic: two threads incrementing a volatile counter race.
// EXPECT: race 8 8
#include <cstdio>
#include <thread>

volatile int hits;

void hit() { hits = hits + 1; }  // (A)

int main() {
  std::thread t(hit);
  hit();
  t.join();
  std::printf("%d\n", hits);
}
