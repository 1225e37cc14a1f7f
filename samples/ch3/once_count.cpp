// std::call_once runs its function exactly once, however many tasks call it. A hundred tasks all
// try to increment a counter through one std::once_flag and the count ends at 1; and since the flag
// counts calls, not functions, a second call_once with a decrement does nothing either. The end of
// the once-function happens-before every call_once return, so the tasks may read the counter
// afterwards without a lock: ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout Count is 1
// EXPECT: stdout Increment then decrement: count is 1
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>

int main() {
  int count = 0;
  std::once_flag once;
  ccsp::wait_group wg;
  for (int i = 0; i < 100; ++i) {
    wg.add(1);
    ccsp::go([&] {
      std::call_once(once, [&] { ++count; });
      if (count != 1) std::printf("impossible: count is %d\n", count);
      wg.done();
    });
  }
  wg.wait();
  std::printf("Count is %d\n", count);

  int other_count = 0;
  std::once_flag other;
  std::call_once(other, [&] { ++other_count; });
  std::call_once(other, [&] { --other_count; });  // the flag was used: this never runs
  std::printf("Increment then decrement: count is %d\n", other_count);
}
