// GoKer grpc#1353 (channel & lock). The round-robin balancer's watch_addr_updates holds
// rr.mu while it sends an address update on the unbuffered addr_ch; the client's lb_watcher
// receives an update and tears connections down, which calls the balancer's down(), which
// takes rr.mu. The balancer holds mu and waits for the watcher, the watcher waits for mu.
// FORCED: tearing down takes a moment, the next update comes meanwhile; main returns.
// EXPECT: deadlock actual 19 22
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;

struct RoundRobin {
  std::mutex mu;
  ccsp::chan<bool> addr_ch;
  void watch_addr_updates() {
    std::lock_guard<std::mutex> g(mu);
    addr_ch.send(true);  // (A) holding mu, waiting for the watcher
  }
  void down() {
    std::lock_guard<std::mutex> g(mu);  // (B) held by the balancer, which waits for us
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

void lb_watcher(RoundRobin* rr, std::vector<AddrConn*> conns, std::chrono::milliseconds work) {
  for (bool addr : rr->addr_ch) {
    (void)addr;
    ccsp::sleep(work);  // forcing: computing which connections to drop takes a moment
    for (AddrConn* c : conns) c->tear_down();
  }
}

int main() {
  auto* rr = new RoundRobin;  // shared with the tasks for the life of the process
  std::vector<AddrConn*> conns{new AddrConn, new AddrConn};
  for (AddrConn* c : conns) c->balancer = rr;
  ccsp::go([rr] {  // balancer start
    for (int i = 0; i < 2; ++i) rr->watch_addr_updates();
    rr->close();
  });
  ccsp::go([rr, conns] { lb_watcher(rr, conns, 50ms); });
  ccsp::sleep(100ms);  // both are stuck by now
}
