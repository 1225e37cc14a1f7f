// Two threads take two mutexes in opposite orders; a barrier makes sure each holds its first
// lock before asking for the second, so they always deadlock: the watchdog ends the program.
// EXPECT: all-asleep
#include <pthread.h>

#include <mutex>
#include <thread>

std::mutex a, b;
pthread_barrier_t both_hold_one;

int main() {
  pthread_barrier_init(&both_hold_one, nullptr, 2);
  std::thread t1([] {
    std::lock_guard<std::mutex> la(a);
    pthread_barrier_wait(&both_hold_one);
    std::lock_guard<std::mutex> lb(b);  // (A) waits for t2 forever
  });
  std::thread t2([] {
    std::lock_guard<std::mutex> lb(b);
    pthread_barrier_wait(&both_hold_one);
    std::lock_guard<std::mutex> la(a);  // (B) waits for t1 forever
  });
  t1.join();
  t2.join();
}
