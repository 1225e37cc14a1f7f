// std::thread: the thread and main both write a global, no synchronization between: a race.
// EXPECT: race 9 10
#include <cstdio>
#include <thread>

int status;

int main() {
  std::thread t([] { status = 1; });  // (A)
  status = 2;                         // (B)
  t.join();
  std::printf("%d\n", status);
}
