// Locking an error-checking mutex the caller already holds (the call fails, no hang): misuse.
// EXPECT: misuse double-lock 16
// EXPECT: stdout relock failed
// TSAN-DIFFERS: TSan does not report a relock that an error-checking mutex refuses
#include <pthread.h>

#include <cstdio>

int main() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t mu;
  pthread_mutex_init(&mu, &attr);
  pthread_mutex_lock(&mu);
  int rc = pthread_mutex_lock(&mu);  // (A)
  std::printf("relock %s\n", rc ? "failed" : "succeeded");
  pthread_mutex_unlock(&mu);
  pthread_mutex_destroy(&mu);
}
