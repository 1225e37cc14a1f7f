// Unlocking a mutex nobody holds (an error-checking mutex, so the call just fails): misuse.
// EXPECT: misuse unlock-unlocked 14
// EXPECT: stdout unlock failed
#include <pthread.h>

#include <cstdio>

int main() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t mu;
  pthread_mutex_init(&mu, &attr);
  int rc = pthread_mutex_unlock(&mu);  // (A)
  std::printf("unlock %s\n", rc ? "failed" : "succeeded");
  pthread_mutex_destroy(&mu);
}
