// A pthread spinlock held by both sides: no race.
// EXPECT: no-race
// EXPECT: stdout 2
#include <pthread.h>

#include <cstdio>
#include <thread>

pthread_spinlock_t spin;
int counter;

void increment() {
  pthread_spin_lock(&spin);
  counter++;
  pthread_spin_unlock(&spin);
}

int main() {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  std::thread t(increment);
  increment();
  t.join();
  pthread_spin_destroy(&spin);
  std::printf("%d\n", counter);
}
