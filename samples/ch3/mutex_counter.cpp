// A counter guarded by a std::mutex. Five tasks increment it and five decrement it, each inside a
// critical section opened with std::lock_guard, so the unlock ending one critical section
// happens-before the lock starting the next and every update sees the previous one. The final count
// is always 0 and ccsp reports no race. (Dropping the lock_guard in either function makes it the
// data++ race of ch1/data_race.cpp.)
//
// EXPECT: no-race
// EXPECT: stdout Arithmetic complete: count is 0.
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>

class Counter {
 public:
  void increment() {
    std::lock_guard lock(mu_);
    ++count_;
    std::printf("Incrementing: %d\n", count_);
  }
  void decrement() {
    std::lock_guard lock(mu_);
    --count_;
    std::printf("Decrementing: %d\n", count_);
  }
  int value() {
    std::lock_guard lock(mu_);
    return count_;
  }

 private:
  std::mutex mu_;
  int count_ = 0;
};

int main() {
  Counter counter;
  ccsp::wait_group wg;
  for (int i = 0; i < 5; ++i) {
    wg.add(2);
    ccsp::go([&] {
      counter.increment();
      wg.done();
    });
    ccsp::go([&] {
      counter.decrement();
      wg.done();
    });
  }
  wg.wait();
  std::printf("Arithmetic complete: count is %d.\n", counter.value());
}
