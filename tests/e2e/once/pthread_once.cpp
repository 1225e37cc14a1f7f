// A thread reads the table without going through pthread_once: not ordered with the
// initializer's write, a race.
// EXPECT: race 12 16
#include <pthread.h>

#include <cstdio>
#include <thread>

pthread_once_t once = PTHREAD_ONCE_INIT;
int table;

void init_table() { table = 42; }  // (A)

int main() {
  std::thread t([] { pthread_once(&once, init_table); });
  int seen = table;                // (B) skips pthread_once
  t.join();
  std::printf("%d\n", seen == 0 || seen == 42);
}
