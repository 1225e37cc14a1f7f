// The same two threads taking the mutexes in one global order: no deadlock, nothing reported.
// EXPECT: nothing
// EXPECT: stdout 2
#include <pthread.h>

#include <cstdio>
#include <mutex>
#include <thread>

std::mutex a, b;
pthread_barrier_t start;
int both;

int main() {
  pthread_barrier_init(&start, nullptr, 2);
  auto worker = [] {
    pthread_barrier_wait(&start);
    std::lock_guard<std::mutex> la(a);
    std::lock_guard<std::mutex> lb(b);
    both++;
  };
  std::thread t1(worker), t2(worker);
  t1.join();
  t2.join();
  std::printf("%d\n", both);
}
