// std::thread: main writes before constructing the thread, the thread writes, main reads
// after join: no race.
// EXPECT: no-race
// EXPECT: stdout 3
#include <cstdio>
#include <thread>

int status;

int main() {
  status = 2;
  std::thread t([] { status += 1; });
  t.join();
  std::printf("%d\n", status);
}
