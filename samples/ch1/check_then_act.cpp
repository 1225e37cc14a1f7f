// Check-then-act: atomicity is more than freedom from data races. Two tasks book the last seat with
// "if a seat is free, take it", where the check and the act each lock the mutex separately, so both
// can see the seat free and the count can go negative. Every access is under the lock, so there is
// no data race and ccsp (like ThreadSanitizer) correctly reports none: the bug is that check and
// act are not one atomic step. `book_atomically` holds the lock across both and always leaves zero
// seats.
//
// EXPECT: no-race
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>

class Theater {
 public:
  int free_seats() {
    std::lock_guard lock(mu_);
    return seats_;
  }
  void take_seat() {
    std::lock_guard lock(mu_);
    --seats_;
  }
  // Check-then-act as one critical section.
  bool book_atomically() {
    std::lock_guard lock(mu_);
    if (seats_ == 0) return false;
    --seats_;
    return true;
  }

 private:
  std::mutex mu_;
  int seats_ = 1;
};

int main() {
  Theater racy, safe;
  ccsp::wait_group wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    ccsp::go([&] {
      if (racy.free_seats() > 0) racy.take_seat();  // another task may book in between
      safe.book_atomically();
      wg.done();
    });
  }
  wg.wait();
  std::printf("check then act: %d seats left (may be -1)\n", racy.free_seats());
  std::printf("atomic booking: %d seats left\n", safe.free_seats());
}
