// GoKer cockroach#1055 (channel & wait group), FIXED: a worker finishes its task before it
// parks on the stopper channel, so quiescing never waits for a task that waits for the stop.
// Run in the forced schedule.
// EXPECT: nothing
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
    drain.wait();
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
  auto* s = new Stopper;
  s->add_worker();
  ccsp::go([s] {
    if (s->start_task()) s->finish_task();
    s->stopper.recv();
    s->set_stopped();
  });
  ccsp::sleep(50ms);
  s->quiesce();
  s->stop_all();
}
