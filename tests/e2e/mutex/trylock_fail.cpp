// A try_lock that fails gives no edge: main reads what the lock holder wrote without owning
// the lock (barriers make the try_lock always fail; the write is after the first barrier).
// EXPECT: race 20 25
#include <pthread.h>

#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
pthread_barrier_t held, checked;
int value;

int main() {
  pthread_barrier_init(&held, nullptr, 2);
  pthread_barrier_init(&checked, nullptr, 2);
  std::thread owner([] {
    std::lock_guard<std::mutex> lock(mu);
    pthread_barrier_wait(&held);
    value = 1;                       // (A)
    pthread_barrier_wait(&checked);
  });
  pthread_barrier_wait(&held);
  int seen = -1;
  if (!mu.try_lock()) seen = value;  // (B)
  else mu.unlock();
  pthread_barrier_wait(&checked);
  owner.join();
  std::printf("%d\n", seen);
}
