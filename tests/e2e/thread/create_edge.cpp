// pthread_create orders only what the creator did before it: a write after creating the
// thread races with the thread's read.
// EXPECT: race 12 19
#include <pthread.h>

#include <cstdio>

int config;
int result;

void* worker(void*) {
  result = config * 2;  // (A) reads config
  return nullptr;
}

int main() {
  pthread_t th;
  pthread_create(&th, nullptr, worker, nullptr);
  config = 21;          // (B) written after create
  pthread_join(th, nullptr);
  std::printf("%d\n", result);
}
