// GoKer moby#27782 (channel & condition variable). A log follower reads file events from a
// watcher's unbuffered events channel until its reader closes; then it removes the watch,
// which queues an "ignored" event and waits on the watcher's cond until the watcher's event
// task has seen it. That task is blocked delivering a write event the follower no longer
// reads: the follower waits for the event task, the event task waits for the follower.
// FORCED: a write arrives after the close was noticed, before the watch is removed.
// EXPECT: deadlock actual 47 39
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;

enum Ev { kChmod, kWrite, kIgnored };

struct Watcher {
  ccsp::chan<Ev> kernel;  // raw inotify events
  ccsp::chan<Ev> events;  // to the follower
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
      if (e != kWrite) {  // not for the follower: wake whoever waits for the watch's state
        std::lock_guard<std::mutex> g(mu);
        if (e == kIgnored) removed = true;
        cv.notify_all();
        continue;
      }
      ccsp::select(ccsp::send_case(events, e),  // (B) the follower stopped reading
                   ccsp::recv_case(done, [&] { closed = true; }));
      if (closed) return;
    }
  }
  void remove() {  // inotify_rm_watch: the kernel queues IN_IGNORED
    std::unique_lock<std::mutex> lock(mu);
    kernel.send(kIgnored);
    while (!removed) cv.wait(lock);  // (A) the event task is stuck delivering a write
  }
  void close() { done.close(); }
};

void follow_logs(ccsp::chan<Ev> kernel, ccsp::chan<std::monostate> log_closed) {
  auto* w = new Watcher(kernel);  // lives as long as its task, as in Go
  ccsp::go([w] { w->read_events(); });
  for (;;) {
    bool closing = false;
    ccsp::select(ccsp::recv_case(w->events), ccsp::recv_case(log_closed, [&] { closing = true; }));
    if (closing) {
      ccsp::sleep(50ms);  // forcing: a write arrives before the watch is removed
      w->remove();
      w->close();
      return;
    }
  }
}

int main() {
  ccsp::chan<Ev> kernel(4);
  ccsp::chan<std::monostate> log_closed;
  ccsp::go([kernel, log_closed] { follow_logs(kernel, log_closed); });
  kernel.send(kChmod);
  ccsp::sleep(10ms);
  log_closed.close();  // the log reader goes away
  ccsp::sleep(10ms);
  kernel.send(kWrite);
  ccsp::sleep(100ms);  // both are stuck by now
}
