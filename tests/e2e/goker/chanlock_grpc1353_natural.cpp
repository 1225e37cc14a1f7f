// GoKer grpc#1353 (channel & lock), NATURAL schedule: address updates are rare (here each
// waits for the previous teardown on a relaxed counter, timing only), so the watcher has
// torn down before the next update is sent. Still, the balancer sent on addr_ch holding
// rr.mu, and the watcher took rr.mu between two receives: prediction reports the
// lock-and-channel cycle.
// EXPECT: deadlock predicted 25 28
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<int> torn_down{0};

struct RoundRobin {
  std::mutex mu;
  ccsp::chan<bool> addr_ch;
  void watch_addr_updates() {
    std::lock_guard<std::mutex> g(mu);
    addr_ch.send(true);  // (A) holding mu
  }
  void down() {
    std::lock_guard<std::mutex> g(mu);  // (B)
  }
  void close() {
    std::lock_guard<std::mutex> g(mu);
    addr_ch.close();
  }
};

struct AddrConn {
  std::mutex mu;
  RoundRobin* balancer = nullptr;
  void tear_down() {
    std::lock_guard<std::mutex> g(mu);
    balancer->down();
  }
};

void lb_watcher(RoundRobin* rr, std::vector<AddrConn*> conns) {
  for (bool addr : rr->addr_ch) {
    (void)addr;
    for (AddrConn* c : conns) c->tear_down();
    torn_down.fetch_add(1, std::memory_order_relaxed);
  }
}

int main() {
  auto* rr = new RoundRobin;
  std::vector<AddrConn*> conns{new AddrConn, new AddrConn};
  for (AddrConn* c : conns) c->balancer = rr;
  ccsp::wait_group wg;
  wg.add(2);
  ccsp::go([rr, &wg] {
    for (int i = 0; i < 2; ++i) {
      while (torn_down.load(std::memory_order_relaxed) < i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
      rr->watch_addr_updates();
    }
    rr->close();
    wg.done();
  });
  ccsp::go([rr, conns, &wg] {
    lb_watcher(rr, conns);
    wg.done();
  });
  wg.wait();
}
