// GoKer grpc#1353 (channel & lock), FIXED as upstream did: addr_ch has room for one update
// and watch_addr_updates drops a stale one before sending, so the send never blocks while
// rr.mu is held. Run in the forced schedule.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;

struct RoundRobin {
  std::mutex mu;
  ccsp::chan<bool> addr_ch{1};
  void watch_addr_updates() {
    std::lock_guard<std::mutex> g(mu);
    ccsp::select(ccsp::recv_case(addr_ch), ccsp::default_case());  // drop a stale update
    addr_ch.send(true);
  }
  void down() { std::lock_guard<std::mutex> g(mu); }
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

void lb_watcher(RoundRobin* rr, std::vector<AddrConn*> conns, std::chrono::milliseconds work) {
  for (bool addr : rr->addr_ch) {
    (void)addr;
    ccsp::sleep(work);
    for (AddrConn* c : conns) c->tear_down();
  }
}

int main() {
  auto* rr = new RoundRobin;
  std::vector<AddrConn*> conns{new AddrConn, new AddrConn};
  for (AddrConn* c : conns) c->balancer = rr;
  ccsp::wait_group wg;
  wg.add(2);
  ccsp::go([rr, &wg] {
    for (int i = 0; i < 2; ++i) rr->watch_addr_updates();
    rr->close();
    wg.done();
  });
  ccsp::go([rr, conns, &wg] {
    lb_watcher(rr, conns, 50ms);
    wg.done();
  });
  wg.wait();
}
