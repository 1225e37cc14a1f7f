// The same counter without thread_local is shared by both threads: a race.
// EXPECT: race 9 9
#include <cstdio>
#include <thread>

int calls;

void count() {
  for (int i = 0; i < 3; i++) calls++;  // (A)
}

int main() {
  std::thread t(count);
  count();
  t.join();
  std::printf("%d\n", calls);
}
