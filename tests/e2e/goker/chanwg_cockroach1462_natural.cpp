// GoKer cockroach#1462 (channel & wait group), NATURAL schedule: events are processed at
// once and the stop comes later (here main waits for three events processed, on a relaxed
// counter: timing only): no send is in flight at the stop, the worker sees it and returns.
// NOT PREDICTED: the cycle goes through a wait group and a channel; prediction covers
// lock-based cycles.
// EXPECT: nothing
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<int> processed{0};

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

void process_events_until(ccsp::chan<int> events, Stopper* s) {
  for (;;) {
    if (s->should_stop()) return;
    bool stopped = false;
    ccsp::select(ccsp::recv_case(events, [] { processed.fetch_add(1, std::memory_order_relaxed); }),
                 ccsp::recv_case(s->stopper, [&] { stopped = true; }));
    if (stopped) return;
  }
}

int main() {
  auto* s = new Stopper;
  ccsp::chan<int> events;
  s->run_worker([s, events] {
    for (int i = 0; i < 3; ++i) {
      if (s->should_stop()) return;
      events.send(i);
    }
    s->stopper.recv();
  });
  s->run_worker([s, events] { process_events_until(events, s); });
  while (processed.load(std::memory_order_relaxed) < 3)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
  s->stop_all();
}
