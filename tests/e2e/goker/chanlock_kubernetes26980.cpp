// GoKer kubernetes#26980 (channel & lock). processorListener::pop holds the listener's lock
// while it waits for stop_ch; stop_ch is closed by the test when it finishes, and it waits
// for a task that takes the same lock first. Three tasks in a cycle: pop waits for main
// (stop_ch), main waits for the task (result_ch), the task waits for pop (the lock).
// FORCED: pop takes the lock first (the other task is 50 ms late): every task is asleep.
// EXPECT: all-asleep 29 40 43
// EXPECT: deadlock actual 29 40 43
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
    stop_ch.recv();  // (A) holding the lock until the test stops us
  }
};

int main() {
  auto* pl = new ProcessorListener;  // shared with the tasks for the life of the process
  ccsp::chan<std::monostate> stop_ch, result_ch;
  pl->add(1);
  ccsp::go([pl, stop_ch] { pl->pop(stop_ch); });
  ccsp::go([pl, result_ch] {
    ccsp::sleep(50ms);                        // forcing: pop has the lock by now
    std::lock_guard<std::mutex> g(pl->lock);  // (B) pop holds it
    result_ch.close();
  });
  result_ch.recv();  // (M)
  stop_ch.close();   // Go: defer close(stopCh)
}
