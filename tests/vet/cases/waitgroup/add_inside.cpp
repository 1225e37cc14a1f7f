// waitgroup, positive: the task adds to the wait group it is counted by, so wg.wait() can
// run before the add and return at once (Go 1.25 vet's waitgroup check).
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <functional>
#include <thread>

void Worker(ccsp::wait_group& wg, int id) {
  wg.add(1);  // VET: waitgroup
  std::printf("worker %d\n", id);
  wg.done();
}

int main() {
  ccsp::wait_group wg;
  for (int i = 0; i < 3; ++i) {
    ccsp::go([&wg, i] {
      wg.add(1);  // VET: waitgroup
      std::printf("task %d\n", i);
      wg.done();
    });
  }
  ccsp::wait_group* pwg = &wg;
  std::thread t([pwg] {
    pwg->add(1);  // VET: waitgroup
    pwg->done();
  });
  ccsp::go(Worker, std::ref(wg), 7);
  wg.wait();
  t.join();
}
