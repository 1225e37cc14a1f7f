// The printSum lock-order inversion on a run that happens not to deadlock. One task locks a then b,
// the other b then a; here the second waits on a relaxed atomic flag (which orders nothing) until
// the first has released both locks, standing in for lucky timing. The tasks are still concurrent,
// so another schedule deadlocks: ccsp's lock-order analysis reports the potential deadlock with
// both inverted acquisitions (as ThreadSanitizer reports a lock-order inversion). Fix it by locking in one global order, or with std::scoped_lock.
//
// EXPECT: deadlock 26 27
// EXPECT: no-race
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>
#include <thread>

struct Value {
  explicit Value(int v) : value(v) {}
  std::mutex mu;
  int value;
};

std::atomic<bool> first_done{false};

void print_sum(Value& v1, Value& v2, bool wait_for_first, ccsp::wait_group& wg) {
  while (wait_for_first && !first_done.load(std::memory_order_relaxed)) std::this_thread::yield();
  {
    std::lock_guard first(v1.mu);
    std::lock_guard second(v2.mu);
    std::printf("sum=%d\n", v1.value + v2.value);
  }
  first_done.store(true, std::memory_order_relaxed);
  wg.done();
}

int main() {
  Value a(1), b(2);
  ccsp::wait_group wg;
  wg.add(2);
  ccsp::go(print_sum, std::ref(a), std::ref(b), false, std::ref(wg));
  ccsp::go(print_sum, std::ref(b), std::ref(a), true, std::ref(wg));
  wg.wait();
}
