// GoKer etcd#6873 (channel & lock). watchBroadcasts' stop holds mu, closes updatec and waits
// for the coalescing task to close donec; that task, still draining an update, calls
// coalesce, which takes mu. stop holds mu and waits for the task, the task waits for mu.
// FORCED: an update is still queued when stop runs (the task starts late); main returns.
// EXPECT: deadlock actual 32 26
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>

using namespace std::chrono_literals;

struct WatchBroadcasts {
  std::mutex mu;
  ccsp::chan<int> updatec{1};
  ccsp::chan<std::monostate> donec;
  int coalesced = 0;

  void start(std::chrono::milliseconds start_delay) {
    ccsp::go([this, start_delay] {
      ccsp::sleep(start_delay);  // forcing: the task starts late
      for (int wb : updatec) coalesce(wb);
      donec.close();
    });
  }
  void coalesce(int wb) {
    std::lock_guard<std::mutex> g(mu);  // (B) held by stop, which waits for us
    coalesced += wb;
  }
  void stop() {
    std::lock_guard<std::mutex> g(mu);
    updatec.close();
    donec.recv();  // (A) holding mu, waiting for the coalescing task
  }
  void update(int wb) { ccsp::select(ccsp::send_case(updatec, wb), ccsp::default_case()); }
};

int main() {
  auto* wbs = new WatchBroadcasts;  // shared with the tasks for the life of the process
  wbs->start(50ms);
  wbs->update(1);
  ccsp::go([wbs] { wbs->stop(); });
  ccsp::sleep(100ms);  // both are stuck by now
}
