// Unlock, then destroy: nothing to report.
// EXPECT: nothing
// EXPECT: stdout destroy succeeded
#include <pthread.h>

#include <cstdio>

int main() {
  pthread_mutex_t mu;
  pthread_mutex_init(&mu, nullptr);
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
  int rc = pthread_mutex_destroy(&mu);
  std::printf("destroy %s\n", rc ? "failed" : "succeeded");
}
