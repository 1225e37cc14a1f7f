// A global written by a thread while main reads it, with no synchronization: a race.
// EXPECT: race 10 11
// EXPECT: stdout done
#include <cstdio>
#include <thread>

int balance = 100;

int main() {
  std::thread t([] { balance += 10; });  // (A) read-modify-write in the thread
  int seen = balance;                    // (B) unsynchronized read in main
  t.join();
  std::printf("done %d\n", seen >= 100);
}
