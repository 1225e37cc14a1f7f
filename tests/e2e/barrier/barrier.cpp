// Both accesses come after the same pthread barrier: the barrier orders nothing between
// them, a race.
// EXPECT: race 16 19
#include <pthread.h>

#include <cstdio>
#include <thread>

pthread_barrier_t phase;
int cell;

int main() {
  pthread_barrier_init(&phase, nullptr, 2);
  std::thread t([] {
    pthread_barrier_wait(&phase);
    cell = 1;                      // (A)
  });
  pthread_barrier_wait(&phase);
  int seen = cell;                 // (B)
  t.join();
  pthread_barrier_destroy(&phase);
  std::printf("%d\n", seen);
}
