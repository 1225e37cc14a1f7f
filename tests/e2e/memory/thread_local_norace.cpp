// A thread_local counter: each thread has its own copy, no race.
// EXPECT: no-race
// EXPECT: stdout main 3
#include <cstdio>
#include <thread>

thread_local int calls;

void count() {
  for (int i = 0; i < 3; i++) calls++;
}

int main() {
  std::thread t([] {
    count();
    std::printf("thread %d\n", calls);
  });
  t.join();
  count();
  std::printf("main %d\n", calls);
}
