// The data++ race: a task increments a shared int while main tests it and prints it, and
// nothing orders the task's increment against main's reads, so the program may print
// nothing, "the value is 0" or even "the value is 1". ccsp reports a data race between the
// increment and main's check on every run, however the run happened to be timed (the wait
// group only keeps the task alive until main has looked; it orders nothing before `wait`).
// ThreadSanitizer agrees. The synchronized twin is data_race_mutex.cpp.
//
// EXPECT: race 19 22
#include <ccsp/ccsp.hpp>

#include <cstdio>

int data = 0;

int main() {
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&] {
    data++;
    wg.done();
  });
  if (data == 0) std::printf("the value is %d.\n", data);
  wg.wait();
}
