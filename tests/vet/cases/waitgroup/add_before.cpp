// waitgroup, negative: adds made before the task starts, a task adding for the nested tasks
// it starts, a worker counting its own work items, and a lambda that is not a task.
#include <ccsp/ccsp.hpp>
#include <cstdio>

int main() {
  ccsp::wait_group wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    ccsp::go([&wg, i] {
      std::printf("task %d\n", i);
      wg.done();
    });
  }
  wg.add(1);
  ccsp::go([&wg] {
    wg.add(1);  // counts the nested task, and the parent is still counted
    ccsp::go([&wg] { wg.done(); });
    wg.done();
  });
  ccsp::wait_group items;
  ccsp::chan<int> work(4);
  wg.add(1);
  ccsp::go([&, work] {
    for (int v : work) {
      items.add(1);
      std::printf("item %d\n", v);
      items.done();
    }
    wg.done();
  });
  auto inline_fn = [&] {
    wg.add(1);
    wg.done();
  };
  inline_fn();
  ccsp::wait_group other;
  wg.add(1);
  ccsp::go([&] {
    other.add(1);  // a different group from the one this task is done with
    wg.done();
  });
  work.close();
  wg.wait();
}
