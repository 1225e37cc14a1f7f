// A call_once that, through another, calls itself deadlocks. init_a runs under once_a and calls
// call_once(once_b, init_b), which calls call_once(once_a, init_a) — and that call waits for
// once_a's first call to finish, which is waiting for it. libstdc++'s std::call_once is
// pthread_once, which sleeps forever on the flag here (it does not detect the recursion). The only
// task is blocked in an untimed wait, so ccsp's watchdog reports "all tasks are asleep" with the
// stack through both call_once calls and exits with status 2, as Go does for this deadlock.
//
// EXPECT: all-asleep
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>

std::once_flag once_a, once_b;

void init_b();

void init_a() {
  std::puts("init_a");
  std::call_once(once_b, init_b);
}

void init_b() {
  std::puts("init_b");
  std::call_once(once_a, init_a);  // once_a is still running: waits forever
}

int main() {
  std::call_once(once_a, init_a);
  std::puts("unreachable");
}
