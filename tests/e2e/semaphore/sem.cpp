// The thread writes after sem_post: the post orders only what came before it, a race.
// EXPECT: race 15 18
#include <semaphore.h>

#include <cstdio>
#include <thread>

sem_t ready;
int data;

int main() {
  sem_init(&ready, 0, 0);
  std::thread t([] {
    sem_post(&ready);
    data = 42;         // (A) after the post
  });
  sem_wait(&ready);
  int seen = data;     // (B)
  t.join();
  sem_destroy(&ready);
  std::printf("%d\n", seen);
}
