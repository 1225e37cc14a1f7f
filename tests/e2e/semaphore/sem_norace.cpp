// sem_post -> the sem_wait it satisfies: data written before the post is visible, no race.
// EXPECT: no-race
// EXPECT: stdout 42
#include <semaphore.h>

#include <cstdio>
#include <thread>

sem_t ready;
int data;

int main() {
  sem_init(&ready, 0, 0);
  std::thread t([] {
    data = 42;
    sem_post(&ready);
  });
  sem_wait(&ready);
  int seen = data;
  t.join();
  sem_destroy(&ready);
  std::printf("%d\n", seen);
}
