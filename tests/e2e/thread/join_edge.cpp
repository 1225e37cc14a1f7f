// pthread_join orders the thread's writes only before what follows the join: a read before
// joining races.
// EXPECT: race 11 18
#include <pthread.h>

#include <cstdio>

int result;

void* worker(void*) {
  result = 42;         // (A)
  return nullptr;
}

int main() {
  pthread_t th;
  pthread_create(&th, nullptr, worker, nullptr);
  int early = result;  // (B) read before join
  pthread_join(th, nullptr);
  std::printf("%d\n", early == 0 || early == 42);
}
