// GoKer moby#27782 (channel & condition variable), NATURAL schedule: the follower has read
// the last write before the reader goes away (here the close waits for that on a relaxed
// flag, timing only); removing the watch finds the event task idle, it sees the ignored
// event and wakes the follower. NOT PREDICTED: the cycle goes through a cond wait and a
// channel send, with no lock-order inversion for prediction to start from.
// EXPECT: nothing
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> write_read{false};

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
    std::unique_lock<std::mutex> lock(mu);
    kernel.send(kIgnored);
    while (!removed) cv.wait(lock);
  }
  void close() { done.close(); }
};

void follow_logs(ccsp::chan<Ev> kernel, ccsp::chan<std::monostate> log_closed) {
  auto* w = new Watcher(kernel);
  ccsp::go([w] { w->read_events(); });
  for (;;) {
    bool closing = false;
    ccsp::select(ccsp::recv_case(
                     w->events,
                     [](std::optional<Ev>) { write_read.store(true, std::memory_order_relaxed); }),
                 ccsp::recv_case(log_closed, [&] { closing = true; }));
    if (closing) {
      w->remove();
      w->close();
      return;
    }
  }
}

int main() {
  ccsp::chan<Ev> kernel(4);
  ccsp::chan<std::monostate> log_closed, followed;
  ccsp::go([kernel, log_closed, followed] {
    follow_logs(kernel, log_closed);
    followed.close();
  });
  kernel.send(kChmod);
  kernel.send(kWrite);
  while (!write_read.load(std::memory_order_relaxed))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
  log_closed.close();
  followed.recv();
}
