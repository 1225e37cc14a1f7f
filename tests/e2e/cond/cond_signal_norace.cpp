// pthread_cond_signal -> the wait it wakes (with the mutex): the flag and data written before
// signalling are visible after the wait, no race.
// EXPECT: no-race
// EXPECT: stdout 42
#include <pthread.h>

#include <cstdio>

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
bool ready;
int data;

void* producer(void*) {
  data = 42;
  pthread_mutex_lock(&mu);
  ready = true;
  pthread_cond_signal(&cond);
  pthread_mutex_unlock(&mu);
  return nullptr;
}

int main() {
  pthread_t th;
  pthread_create(&th, nullptr, producer, nullptr);
  pthread_mutex_lock(&mu);
  while (!ready) pthread_cond_wait(&cond, &mu);
  pthread_mutex_unlock(&mu);
  std::printf("%d\n", data);
  pthread_join(th, nullptr);
}
