// GoKer kubernetes#26980 (channel & lock), FIXED as upstream did: pop releases the lock
// before it waits for stop_ch. Run in the forced schedule (pop takes the lock first).
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;

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
    l.unlock();
    stop_ch.recv();
  }
};

int main() {
  auto* pl = new ProcessorListener;
  ccsp::chan<std::monostate> stop_ch, result_ch, popped;
  pl->add(1);
  ccsp::go([pl, stop_ch, popped] {
    pl->pop(stop_ch);
    popped.close();
  });
  ccsp::go([pl, result_ch] {
    ccsp::sleep(50ms);
    std::lock_guard<std::mutex> g(pl->lock);
    result_ch.close();
  });
  result_ch.recv();
  stop_ch.close();
  popped.recv();
}
