// The printSum lock order (a then b in one task, b then a in the other) on a run that does
// not deadlock: the second task waits on a relaxed atomic flag — which orders nothing —
// until the first has released both locks, standing in for lucky timing. The tasks are
// still concurrent, so a different schedule deadlocks; ccsp's lock-order analysis should
// report the potential deadlock with the two inverted acquisitions (pending until that
// analysis exists). Fix it by always locking in one global order, or with std::scoped_lock.
//
// EXPECT: deadlock 28 29
// EXPECT: no-race
#include <ccsp/ccsp.hpp>

#include <atomic>
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
