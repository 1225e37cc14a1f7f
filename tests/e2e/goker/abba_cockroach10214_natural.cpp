// GoKer cockroach#10214 (AB-BA), NATURAL schedule: the same program without forcing. The
// replica's tick usually comes well after the heartbeats went out (here the ticker waits for
// them on a relaxed flag, which orders nothing), so the run is lucky; the opposite lock
// orders are still a deadlock waiting to happen, and prediction reports it.
// EXPECT: deadlock predicted 38 48
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> heartbeats_sent{false};

struct Store;

struct Replica {
  std::mutex raft_mu, mu;
  Store* store = nullptr;
  void report_unreachable();
  void tick();
  void maybe_coalesce_heartbeat();
};

struct Store {
  std::mutex coalesced_mu;
  std::vector<int> heartbeat_responses{1};
  std::vector<Replica*> replicas;
  void send_queued_heartbeats() {
    std::lock_guard<std::mutex> a(coalesced_mu);
    for (size_t i = 0; i < heartbeat_responses.size(); ++i)
      for (Replica* r : replicas) r->report_unreachable();
  }
};

void Replica::report_unreachable() {
  std::lock_guard<std::mutex> b(raft_mu);  // (A) raft_mu while holding coalesced_mu
}

void Replica::tick() {
  std::lock_guard<std::mutex> b(raft_mu);
  std::lock_guard<std::mutex> m(mu);
  maybe_coalesce_heartbeat();
}

void Replica::maybe_coalesce_heartbeat() {
  std::lock_guard<std::mutex> a(store->coalesced_mu);  // (B) coalesced_mu while holding raft_mu
}

int main() {
  auto* store = new Store;  // shared with the tasks for the life of the process, as in Go
  auto* replica = new Replica;
  replica->store = store;
  store->replicas.push_back(replica);
  std::thread heartbeats([store] {
    store->send_queued_heartbeats();
    heartbeats_sent.store(true, std::memory_order_relaxed);
  });
  std::thread ticker([replica] {
    while (!heartbeats_sent.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    replica->tick();
  });
  heartbeats.join();
  ticker.join();
}
