// Destroying a mutex that is still locked: misuse (glibc's destroy fails with EBUSY).
// EXPECT: misuse destroy-locked 12
// EXPECT: stdout destroy failed
#include <pthread.h>

#include <cstdio>

int main() {
  pthread_mutex_t mu;
  pthread_mutex_init(&mu, nullptr);
  pthread_mutex_lock(&mu);
  int rc = pthread_mutex_destroy(&mu);  // (A)
  std::printf("destroy %s\n", rc ? "failed" : "succeeded");
}
