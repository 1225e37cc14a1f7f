// A pthread spinlock held by the thread but not by main: a race.
// EXPECT: race 15 18
#include <pthread.h>

#include <cstdio>
#include <thread>

pthread_spinlock_t spin;
int counter;

int main() {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  std::thread t([] {
    pthread_spin_lock(&spin);
    counter++;  // (A)
    pthread_spin_unlock(&spin);
  });
  counter++;    // (B)
  t.join();
  pthread_spin_destroy(&spin);
  std::printf("%d\n", counter);
}
