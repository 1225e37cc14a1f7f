// GoKer kubernetes#11298 (channel & condition variable), NATURAL schedule: the helper is
// waiting on the cond before the abort comes (here main waits for that on a relaxed flag,
// timing only), so the abort's signal wakes it. NOT PREDICTED: a signal sent before the wait
// began is a lost wake-up, not a lock-order inversion prediction could start from.
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
std::atomic<bool> helper_waiting{false};

struct Notifier {
  std::mutex mu;
  std::condition_variable cond;
};

void service_loop(Notifier* n, ccsp::chan<std::monostate> abort) {
  ccsp::chan<std::monostate> waited;
  ccsp::go([n, waited] {  // After(n.cond.Wait)
    std::unique_lock<std::mutex> lock(n->mu);
    helper_waiting.store(true, std::memory_order_relaxed);
    n->cond.wait(lock);
    lock.unlock();
    waited.close();
  });
  bool aborted = false;
  ccsp::select(ccsp::recv_case(abort, [&] { aborted = true; }), ccsp::recv_case(waited));
  if (aborted) {
    {
      std::lock_guard<std::mutex> g(n->mu);
      n->cond.notify_one();
    }
    waited.recv();
  }
}

int main() {
  auto* n = new Notifier;
  ccsp::chan<std::monostate> abort, finished;
  ccsp::go([n, abort, finished] {
    service_loop(n, abort);
    finished.close();
  });
  while (!helper_waiting.load(std::memory_order_relaxed))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
  abort.close();
  finished.recv();
}
