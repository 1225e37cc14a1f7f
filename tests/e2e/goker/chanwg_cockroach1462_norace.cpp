// GoKer cockroach#1462 (channel & wait group), FIXED as upstream did: the worker sends in a
// select with the stopper channel, so a stop ends a send nobody will receive. Run in the
// forced schedule (slow event processing).
// EXPECT: nothing
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
  bool should_stop() { return ccsp::select(ccsp::recv_case(stopper), ccsp::default_case()) == 0; }
  void stop_all() {
    stopper.close();
    stop.wait();
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
  auto* s = new Stopper;
  ccsp::chan<int> events;
  s->run_worker([s, events] {
    for (int i = 0; i < 3; ++i) {
      bool stopped = false;
      ccsp::select(ccsp::send_case(events, i),
                   ccsp::recv_case(s->stopper, [&] { stopped = true; }));
      if (stopped) return;
    }
    s->stopper.recv();
  });
  s->run_worker([s, events] { process_events_until(events, s, 30ms); });
  ccsp::sleep(50ms);
  s->stop_all();
}
