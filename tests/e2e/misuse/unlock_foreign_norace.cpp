// A thread locks and unlocks the mutex itself, after main released it: nothing to report.
// EXPECT: nothing
// EXPECT: stdout unlock succeeded
#include <pthread.h>

#include <cstdio>
#include <thread>

int main() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t mu;
  pthread_mutex_init(&mu, &attr);
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
  int rc = 0;
  std::thread t([&] {
    pthread_mutex_lock(&mu);
    rc = pthread_mutex_unlock(&mu);
  });
  t.join();
  std::printf("unlock %s\n", rc ? "failed" : "succeeded");
  pthread_mutex_destroy(&mu);
}
