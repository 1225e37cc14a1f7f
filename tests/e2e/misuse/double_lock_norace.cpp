// A recursive mutex may be locked twice by its owner: nothing to report.
// EXPECT: nothing
// EXPECT: stdout relock succeeded
#include <pthread.h>

#include <cstdio>

int main() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t mu;
  pthread_mutex_init(&mu, &attr);
  pthread_mutex_lock(&mu);
  int rc = pthread_mutex_lock(&mu);
  std::printf("relock %s\n", rc ? "failed" : "succeeded");
  pthread_mutex_unlock(&mu);
  pthread_mutex_unlock(&mu);
  pthread_mutex_destroy(&mu);
}
