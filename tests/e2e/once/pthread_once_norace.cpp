// pthread_once: the initializer happens-before every pthread_once return, no race.
// EXPECT: no-race
// EXPECT: stdout 42 42
#include <pthread.h>

#include <cstdio>
#include <thread>

pthread_once_t once = PTHREAD_ONCE_INIT;
int table;

void init_table() { table = 42; }

int get() {
  pthread_once(&once, init_table);
  return table;
}

int main() {
  int a = 0;
  std::thread t([&a] { a = get(); });
  int b = get();
  t.join();
  std::printf("%d %d\n", a, b);
}
