// GoKer cockroach#1055 (channel & wait group), NATURAL schedule: here the stop comes before
// the worker gets to start its task (the worker is 100 ms late, timing only), start_task
// refuses, and everything stops. NOT PREDICTED: the cycle goes through a wait group and a
// channel; prediction covers lock-based cycles.
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
    ccsp::sleep(100ms);  // timing, not ordering
    if (s->start_task()) {
      s->stopper.recv();
      s->finish_task();
    }
    s->set_stopped();
  });
  s->quiesce();
  s->stop_all();
}
