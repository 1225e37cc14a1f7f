// The same, but main waits for the lock instead of reading after a failed try_lock: no race.
// EXPECT: no-race
// EXPECT: stdout 1
#include <pthread.h>

#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
pthread_barrier_t held;
int value;

int main() {
  pthread_barrier_init(&held, nullptr, 2);
  std::thread owner([] {
    std::lock_guard<std::mutex> lock(mu);
    pthread_barrier_wait(&held);
    value = 1;
  });
  pthread_barrier_wait(&held);
  int seen;
  {
    std::lock_guard<std::mutex> lock(mu);
    seen = value;
  }
  owner.join();
  std::printf("%d\n", seen);
}
