// GoKer moby#27782 (channel & condition variable), FIXED: removing the watch no longer waits
// for the event task to acknowledge it; closing the watcher ends the event task, also in the
// middle of a delivery. Run in the forced schedule; main waits for both tasks.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;

enum Ev { kChmod, kWrite, kIgnored };

struct Watcher {
  ccsp::chan<Ev> kernel;
  ccsp::chan<Ev> events;
  ccsp::chan<std::monostate> done;
  std::mutex mu;
  std::condition_variable cv;
  bool removed = false;

  explicit Watcher(ccsp::chan<Ev> k) : kernel(k) {}
  void read_events() {
    for (;;) {
      Ev e = kChmod;
      bool closed = false;
      ccsp::select(ccsp::recv_case(kernel, [&](std::optional<Ev> v) { e = *v; }),
                   ccsp::recv_case(done, [&] { closed = true; }));
      if (closed) return;
      if (e != kWrite) {
        std::lock_guard<std::mutex> g(mu);
        if (e == kIgnored) removed = true;
        cv.notify_all();
        continue;
      }
      ccsp::select(ccsp::send_case(events, e), ccsp::recv_case(done, [&] { closed = true; }));
      if (closed) return;
    }
  }
  void remove() {
    std::lock_guard<std::mutex> lock(mu);
    kernel.send(kIgnored);
  }
  void close() { done.close(); }
};

void follow_logs(ccsp::chan<Ev> kernel, ccsp::chan<std::monostate> log_closed,
                 ccsp::wait_group& tasks) {
  auto* w = new Watcher(kernel);
  tasks.add(1);
  ccsp::go([w, &tasks] {
    w->read_events();
    tasks.done();
  });
  for (;;) {
    bool closing = false;
    ccsp::select(ccsp::recv_case(w->events), ccsp::recv_case(log_closed, [&] { closing = true; }));
    if (closing) {
      ccsp::sleep(50ms);
      w->remove();
      w->close();
      return;
    }
  }
}

int main() {
  ccsp::chan<Ev> kernel(4);
  ccsp::chan<std::monostate> log_closed;
  ccsp::wait_group tasks;
  tasks.add(1);
  ccsp::go([kernel, log_closed, &tasks] {
    follow_logs(kernel, log_closed, tasks);
    tasks.done();
  });
  kernel.send(kChmod);
  ccsp::sleep(10ms);
  log_closed.close();
  ccsp::sleep(10ms);
  kernel.send(kWrite);
  tasks.wait();
}
