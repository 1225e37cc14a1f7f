// GoKer kubernetes#26980 (channel & lock), NATURAL schedule: the task usually takes the lock
// before pop starts (here pop waits for that on a relaxed flag, timing only), the test
// finishes and stops pop. Still, pop waited on stop_ch holding the lock, and stop_ch is
// closed only after a task took that lock: prediction should report the lock-and-channel
// cycle (today's covers one unbuffered channel with a send as the partner, not a chain of
// two with closes).
// EXPECT-PENDING: deadlock predicted 35 51 -- 2-channel chain with closes: not predicted (#4)
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> result_closed{false};

struct ProcessorListener {
  std::mutex lock;
  std::condition_variable cond;
  std::vector<int> pending;

  void add(int notification) {
    std::lock_guard<std::mutex> g(lock);
    pending.push_back(notification);
    cond.notify_all();
  }
  void pop(ccsp::chan<std::monostate> stop_ch) {
    std::unique_lock<std::mutex> l(lock);
    while (pending.empty()) cond.wait(l);
    stop_ch.recv();  // (A) holding the lock
  }
};

int main() {
  auto* pl = new ProcessorListener;
  ccsp::chan<std::monostate> stop_ch, result_ch, popped;
  pl->add(1);
  ccsp::go([pl, stop_ch, popped] {
    while (!result_closed.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    pl->pop(stop_ch);
    popped.close();
  });
  ccsp::go([pl, result_ch] {
    {
      std::lock_guard<std::mutex> g(pl->lock);  // (B)
      result_ch.close();
    }
    result_closed.store(true, std::memory_order_relaxed);
  });
  result_ch.recv();
  stop_ch.close();
  popped.recv();
}
