// Capturing the loop variable by reference in a task is a data race. Every task reads the one `i`
// that the loop keeps incrementing, so the tasks may print any mix of 0, 1, 2 and 3 (and read `i`
// after its scope has ended, a second bug Go does not have). ccsp reports a data race between the
// loop's `++i` and the tasks' read of `i`, on every run; ThreadSanitizer agrees. The fix, capturing
// by value, is loop_capture_value.cpp.
//
// EXPECT: race 13 16
#include <ccsp/ccsp.hpp>
#include <cstdio>

int main() {
  ccsp::wait_group wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    ccsp::go([&] {  // captures i (and wg) by reference
      std::printf("task sees i = %d\n", i);
      wg.done();
    });
  }
  wg.wait();
}
