// A pthread barrier: every write before it happens-before every read after it, no race.
// EXPECT: no-race
// EXPECT: stdout 3
#include <pthread.h>

#include <cstdio>
#include <thread>

pthread_barrier_t phase;
int cells[3];

int main() {
  pthread_barrier_init(&phase, nullptr, 3);
  auto worker = [](int i) {
    cells[i] = 1;
    pthread_barrier_wait(&phase);
  };
  std::thread a(worker, 1), b(worker, 2);
  cells[0] = 1;
  pthread_barrier_wait(&phase);
  int sum = cells[0] + cells[1] + cells[2];
  a.join();
  b.join();
  pthread_barrier_destroy(&phase);
  std::printf("%d\n", sum);
}
