// GoKer cockroach#1055 (channel & wait group). Stopper::quiesce holds mu and waits on the
// drain wait group for every running task to finish; a worker started a task (drain.add)
// and finishes it only once the stopper closes its stopper channel, which stop does after
// quiescing. quiesce waits for the worker, the worker waits for the stop behind quiesce.
// FORCED: the worker starts its task before quiescing begins; main returns.
// EXPECT: deadlock actual 35 52
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>

using namespace std::chrono_literals;

struct Stopper {
  ccsp::chan<std::monostate> stopper;
  ccsp::wait_group stop;
  std::mutex mu;
  std::atomic<int> draining{0};
  ccsp::wait_group drain;

  void add_worker() { stop.add(1); }
  void set_stopped() { stop.done(); }
  bool start_task() {
    if (draining.load() == 0) {
      std::lock_guard<std::mutex> g(mu);
      drain.add(1);
      return true;
    }
    return false;
  }
  void finish_task() { drain.done(); }
  void quiesce() {
    std::lock_guard<std::mutex> g(mu);
    draining = 1;
    drain.wait();  // (A) the worker finishes its task only after the stop
    draining = 0;
  }
  void stop_all() {
    std::lock_guard<std::mutex> g(mu);
    draining = 1;
    drain.wait();
    stopper.close();
    stop.wait();
  }
};

int main() {
  auto* s = new Stopper;  // shared with the tasks for the life of the process
  s->add_worker();
  ccsp::go([s] {
    if (s->start_task()) {
      s->stopper.recv();  // (B) the task runs until the stopper stops
      s->finish_task();
    }
    s->set_stopped();
  });
  ccsp::go([s] {
    ccsp::sleep(50ms);  // forcing: the worker's task is running when quiescing starts
    s->quiesce();
    s->stop_all();
  });
  ccsp::sleep(100ms);  // both are stuck by now
}
