// GoKer cockroach#10214 (AB-BA), FIXED as upstream did: send_queued_heartbeats takes the
// queued heartbeats out under coalesced_mu and reports to the replicas after releasing it,
// so raft_mu is never taken while coalesced_mu is held. Both tasks run at once.
// EXPECT: nothing
#include <mutex>
#include <thread>
#include <vector>

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
    std::vector<int> queued;
    {
      std::lock_guard<std::mutex> a(coalesced_mu);
      queued.swap(heartbeat_responses);
    }
    for (size_t i = 0; i < queued.size(); ++i)
      for (Replica* r : replicas) r->report_unreachable();
  }
};

void Replica::report_unreachable() { std::lock_guard<std::mutex> b(raft_mu); }

void Replica::tick() {
  std::lock_guard<std::mutex> b(raft_mu);
  std::lock_guard<std::mutex> m(mu);
  maybe_coalesce_heartbeat();
}

void Replica::maybe_coalesce_heartbeat() {
  std::lock_guard<std::mutex> a(store->coalesced_mu);
  store->heartbeat_responses.push_back(1);
}

int main() {
  auto* store = new Store;  // shared with the tasks for the life of the process, as in Go
  auto* replica = new Replica;
  replica->store = store;
  store->replicas.push_back(replica);
  std::thread heartbeats([store] { store->send_queued_heartbeats(); });
  std::thread ticker([replica] { replica->tick(); });
  heartbeats.join();
  ticker.join();
}
