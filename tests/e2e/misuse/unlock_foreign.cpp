// A thread unlocks a mutex that main holds (error-checking, so the call just fails): misuse.
// EXPECT: misuse unlock-foreign 17
// EXPECT: stdout unlock failed
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
  int rc = 0;
  std::thread t([&] { rc = pthread_mutex_unlock(&mu); });  // (A)
  t.join();
  std::printf("unlock %s\n", rc ? "failed" : "succeeded");
  pthread_mutex_unlock(&mu);
  pthread_mutex_destroy(&mu);
}
