// GoKer etcd#6873 (channel & lock), FIXED as upstream did: stop closes updatec under mu but
// waits for donec after releasing it. Run in the forced schedule (an update still queued).
// EXPECT: nothing
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
      ccsp::sleep(start_delay);
      for (int wb : updatec) coalesce(wb);
      donec.close();
    });
  }
  void coalesce(int wb) {
    std::lock_guard<std::mutex> g(mu);
    coalesced += wb;
  }
  void stop() {
    {
      std::lock_guard<std::mutex> g(mu);
      updatec.close();
    }
    donec.recv();
  }
  void update(int wb) { ccsp::select(ccsp::send_case(updatec, wb), ccsp::default_case()); }
};

int main() {
  auto* wbs = new WatchBroadcasts;
  wbs->start(50ms);
  wbs->update(1);
  wbs->stop();
}
