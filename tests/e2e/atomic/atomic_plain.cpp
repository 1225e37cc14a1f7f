// An atomic store and a plain write to the same int: atomic vs plain is a race.
// EXPECT: race 9 10
#include <cstdio>
#include <thread>

int ready;

int main() {
  std::thread t([] { __atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST); });  // (A) atomic
  ready = 2;                                                            // (B) plain
  t.join();
  std::printf("%d\n", ready);
}
