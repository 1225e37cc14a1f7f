// GoKer cockroach#1462 (channel & wait group). A local transport's worker checks whether the
// stopper is stopping and then sends an event on the unbuffered events channel; the event
// processor returns once the stopper stops. An event sent after the processor returned is
// never received, the worker never marks itself stopped, and Stopper::stop waits on its
// wait group forever. FORCED: processing an event is slow, so the worker is in the middle
// of a send when the stop comes: every task is asleep.
// EXPECT: all-asleep 50 30
// EXPECT: deadlock actual 50 30
#include <ccsp/ccsp.hpp>
#include <chrono>

using namespace std::chrono_literals;

struct Stopper {
  ccsp::chan<std::monostate> stopper;
  ccsp::wait_group stop;
  template <class F>
  void run_worker(F f) {
    stop.add(1);
    ccsp::go([this, f] {
      f();
      stop.done();
    });
  }
  bool should_stop() {  // a non-blocking look at ShouldStop()
    return ccsp::select(ccsp::recv_case(stopper), ccsp::default_case()) == 0;
  }
  void stop_all() {
    stopper.close();
    stop.wait();  // (W) the transport's worker never finishes
  }
};

void process_events_until(ccsp::chan<int> events, Stopper* s, std::chrono::milliseconds work) {
  for (;;) {
    if (s->should_stop()) return;
    bool stopped = false;
    ccsp::select(ccsp::recv_case(events, [&] { ccsp::sleep(work); }),
                 ccsp::recv_case(s->stopper, [&] { stopped = true; }));
    if (stopped) return;
  }
}

int main() {
  auto* s = new Stopper;  // shared with the tasks for the life of the process
  ccsp::chan<int> events;
  s->run_worker([s, events] {  // the transport
    for (int i = 0; i < 3; ++i) {
      if (s->should_stop()) return;
      events.send(i);  // (A) the processor has returned: nobody receives
    }
    s->stopper.recv();
  });
  s->run_worker([s, events] { process_events_until(events, s, 30ms); });  // forcing: slow
  ccsp::sleep(50ms);
  s->stop_all();
}
