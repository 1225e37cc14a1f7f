// The data++ race: a task increments an int that main reads, with nothing ordering them. Depending
// on timing the program prints nothing, "the value is 0" or even "the value is 1". ccsp reports a
// data race between the increment and main's check on every run, however the run was timed: the
// wait group only keeps the task alive until main has looked, and orders nothing before `wait`.
// ThreadSanitizer agrees. The synchronized twin is data_race_mutex.cpp.
//
// EXPECT: race 17 20
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
