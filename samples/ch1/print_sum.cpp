// The printSum deadlock: two tasks lock the same two mutexes in opposite orders. One locks a then
// b, the other b then a, and each waits forever for the other's first lock — mutual exclusion,
// hold-and-wait, no preemption and circular wait, all four Coffman conditions. A wait group makes
// both hold their first lock before either reaches for its second, so the deadlock happens on every
// run: with main blocked in `wait`, ccsp's watchdog finds every task asleep, prints Go's "fatal
// error: all tasks are asleep - deadlock!" with each task's stack and exits with status 2.
// print_sum_lucky.cpp is the same lock order on a run that gets away with it.
//
// EXPECT: all-asleep
// EXPECT: exit 2
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>

struct Value {
  explicit Value(int v) : value(v) {}
  std::mutex mu;
  int value;
};

int main() {
  Value a(1), b(2);
  ccsp::wait_group both_hold_one;  // stands in for the book's "sleep while holding"
  both_hold_one.add(2);
  ccsp::wait_group wg;
  auto print_sum = [&](Value& v1, Value& v2) {
    std::lock_guard first(v1.mu);
    both_hold_one.done();
    both_hold_one.wait();
    std::lock_guard second(v2.mu);
    std::printf("sum=%d\n", v1.value + v2.value);
    wg.done();
  };
  wg.add(2);
  ccsp::go(print_sum, std::ref(a), std::ref(b));
  ccsp::go(print_sum, std::ref(b), std::ref(a));
  wg.wait();
}
