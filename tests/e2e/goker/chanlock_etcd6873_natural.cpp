// GoKer etcd#6873 (channel & lock), NATURAL schedule: the coalescing task has drained the
// update long before stop (here stop waits for that on a relaxed flag, timing only). Still,
// stop waited for donec holding mu, and the task that closes donec takes mu before it:
// prediction should report the lock-and-channel cycle (today's covers a send as the
// partner, not a close).
// EXPECT-PENDING: deadlock predicted 41 35 -- a close as the partner is not predicted (issue 13 #4)
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> drained{false};

struct WatchBroadcasts {
  std::mutex mu;
  ccsp::chan<int> updatec{1};
  ccsp::chan<std::monostate> donec;
  int coalesced = 0;

  void start() {
    ccsp::go([this] {
      for (int wb : updatec) {
        coalesce(wb);
        drained.store(true, std::memory_order_relaxed);
      }
      donec.close();
    });
  }
  void coalesce(int wb) {
    std::lock_guard<std::mutex> g(mu);  // (B)
    coalesced += wb;
  }
  void stop() {
    std::lock_guard<std::mutex> g(mu);
    updatec.close();
    donec.recv();  // (A) holding mu
  }
  void update(int wb) { ccsp::select(ccsp::send_case(updatec, wb), ccsp::default_case()); }
};

int main() {
  auto* wbs = new WatchBroadcasts;
  wbs->start();
  wbs->update(1);
  while (!drained.load(std::memory_order_relaxed))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
  wbs->stop();
}
