// Atomic operations on both sides (seq_cst store vs relaxed RMW): atomic vs atomic, no race.
// EXPECT: no-race
#include <cstdio>
#include <thread>

int ready;

int main() {
  std::thread t([] { __atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST); });
  __atomic_fetch_add(&ready, 2, __ATOMIC_RELAXED);
  t.join();
  std::printf("%d\n", __atomic_load_n(&ready, __ATOMIC_RELAXED));
}
