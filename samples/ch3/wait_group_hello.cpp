// Waiting for a set of tasks with ccsp::wait_group. main adds one to the counter per task before
// starting it, each task says hello and calls done, and wait returns once the counter is back at
// zero — so "All tasks complete." is always printed last. Each done happens-before the wait it
// releases and the tasks share nothing else: ccsp reports no race and no leaked task.
//
// EXPECT: no-race
// EXPECT: stdout All tasks complete.
#include <ccsp/ccsp.hpp>
#include <cstdio>

int main() {
  constexpr int kTasks = 5;
  ccsp::wait_group wg;
  for (int id = 1; id <= kTasks; ++id) {
    wg.add(1);  // before go: a wait that runs first must already see this task
    ccsp::go(
        [&wg](int id) {
          std::printf("Hello from task %d!\n", id);
          wg.done();
        },
        id);
  }
  wg.wait();
  std::printf("All tasks complete.\n");
}
