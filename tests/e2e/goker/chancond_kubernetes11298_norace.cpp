// GoKer kubernetes#11298 (channel & condition variable), FIXED: the abort is state, not just
// a signal: the helper waits while it is not set, so a signal sent before the helper waits
// is not lost. Run in the forced schedule (the helper starts waiting late).
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;

struct Notifier {
  std::mutex mu;
  std::condition_variable cond;
  bool aborting = false;
};

void service_loop(Notifier* n, ccsp::chan<std::monostate> abort,
                  std::chrono::milliseconds helper_delay) {
  ccsp::chan<std::monostate> waited;
  ccsp::go([n, waited, helper_delay] {
    ccsp::sleep(helper_delay);
    std::unique_lock<std::mutex> lock(n->mu);
    n->cond.wait(lock, [n] { return n->aborting; });
    lock.unlock();
    waited.close();
  });
  bool aborted = false;
  ccsp::select(ccsp::recv_case(abort, [&] { aborted = true; }), ccsp::recv_case(waited));
  if (aborted) {
    {
      std::lock_guard<std::mutex> g(n->mu);
      n->aborting = true;
      n->cond.notify_one();
    }
    waited.recv();
  }
}

int main() {
  auto* n = new Notifier;
  ccsp::chan<std::monostate> abort, finished;
  ccsp::go([n, abort, finished] {
    service_loop(n, abort, 50ms);
    finished.close();
  });
  abort.close();
  finished.recv();
}
