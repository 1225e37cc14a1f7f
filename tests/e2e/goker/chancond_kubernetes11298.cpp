// GoKer kubernetes#11298 (channel & condition variable). A notifier's service loop hands the
// wait for its cond to a helper task and waits for the helper's "waited" channel or abort.
// On abort it signals the cond once and waits for the helper, but a signal is not sticky:
// when the helper starts waiting only after it, the helper waits forever, and so does the
// loop. FORCED: the helper is slow to start waiting; main aborts at once and returns.
// EXPECT: deadlock actual 36 25
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;

struct Notifier {
  std::mutex mu;
  std::condition_variable cond;
};

void service_loop(Notifier* n, ccsp::chan<std::monostate> abort,
                  std::chrono::milliseconds helper_delay) {
  ccsp::chan<std::monostate> waited;
  ccsp::go([n, waited, helper_delay] {  // After(n.cond.Wait)
    ccsp::sleep(helper_delay);          // forcing: the helper starts waiting late
    std::unique_lock<std::mutex> lock(n->mu);
    n->cond.wait(lock);  // (B) the one signal came before this wait
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
    waited.recv();  // (A) waits for a helper that missed the signal
  }
}

int main() {
  auto* n = new Notifier;  // shared with the tasks for the life of the process
  ccsp::chan<std::monostate> abort;
  ccsp::go([n, abort] { service_loop(n, abort, 50ms); });
  abort.close();
  ccsp::sleep(100ms);  // both are stuck by now
}
