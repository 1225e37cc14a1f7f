// pthread_create: what the creator wrote before creating the thread is visible to it.
// EXPECT: no-race
// EXPECT: stdout 42
#include <pthread.h>

#include <cstdio>

int config;
int result;

void* worker(void*) {
  result = config * 2;
  return nullptr;
}

int main() {
  config = 21;
  pthread_t th;
  pthread_create(&th, nullptr, worker, nullptr);
  pthread_join(th, nullptr);
  std::printf("%d\n", result);
}
