// pthread_join: everything the thread did is visible after the join returns.
// EXPECT: no-race
// EXPECT: stdout 42
#include <pthread.h>

#include <cstdio>

int result;

void* worker(void*) {
  result = 42;
  return nullptr;
}

int main() {
  pthread_t th;
  pthread_create(&th, nullptr, worker, nullptr);
  pthread_join(th, nullptr);
  std::printf("%d\n", result);
}
