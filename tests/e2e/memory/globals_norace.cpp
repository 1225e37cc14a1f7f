// A global written by a thread and read by main after join: ordered by the join edge.
// EXPECT: no-race
// EXPECT: stdout balance 110
#include <cstdio>
#include <thread>

int balance = 100;

int main() {
  std::thread t([] { balance += 10; });
  t.join();
  std::printf("balance %d\n", balance);
}
