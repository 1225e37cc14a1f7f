// Lock then unlock an error-checking mutex: nothing to report.
// EXPECT: nothing
// EXPECT: stdout unlock succeeded
#include <pthread.h>

#include <cstdio>

int main() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t mu;
  pthread_mutex_init(&mu, &attr);
  pthread_mutex_lock(&mu);
  int rc = pthread_mutex_unlock(&mu);
  std::printf("unlock %s\n", rc ? "failed" : "succeeded");
  pthread_mutex_destroy(&mu);
}
