// The data++ program with its memory accesses synchronized by a mutex. The task's increment and
// main's check-and-print each run under one std::mutex, so they can no longer interleave; the
// output still depends on which side locks first ("the value is 0." or nothing), which is why
// synchronizing access is not the same as ordering the work. There is no data race and ccsp reports
// none. The racy twin is data_race.cpp.
//
// EXPECT: no-race
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>

int main() {
  std::mutex mu;
  int data = 0;
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&] {
    {
      std::lock_guard lock(mu);
      data++;
    }
    wg.done();  // last: once main's wait returns, mu and data are gone
  });
  {
    std::lock_guard lock(mu);
    if (data == 0) std::printf("the value is %d.\n", data);
  }
  wg.wait();
}
