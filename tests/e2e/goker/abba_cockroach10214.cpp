// GoKer cockroach#10214 (AB-BA). Store::send_queued_heartbeats holds coalesced_mu while it
// reports to every replica, which takes the replica's raft_mu; Replica::tick holds raft_mu
// (and mu) while it coalesces a heartbeat, which takes coalesced_mu: opposite orders.
// FORCED: a barrier lets each task take its first lock before asking for its second, so both
// block forever; main returns, and the partial deadlock is reported at exit.
// EXPECT: deadlock actual 40 51
// TSAN-DIFFERS: TSan has no wait-for cycle check; it reports the blocked acquisitions' order
#include <pthread.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

pthread_barrier_t both_hold_one;  // forcing only

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
    pthread_barrier_wait(&both_hold_one);
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
  pthread_barrier_wait(&both_hold_one);
  maybe_coalesce_heartbeat();
}

void Replica::maybe_coalesce_heartbeat() {
  std::lock_guard<std::mutex> a(store->coalesced_mu);  // (B) coalesced_mu while holding raft_mu
}

int main() {
  pthread_barrier_init(&both_hold_one, nullptr, 2);
  auto* store = new Store;  // shared with the tasks for the life of the process, as in Go
  auto* replica = new Replica;
  replica->store = store;
  store->replicas.push_back(replica);
  std::thread heartbeats([store] { store->send_queued_heartbeats(); });
  std::thread ticker([replica] { replica->tick(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // both are blocked by now
  heartbeats.detach();
  ticker.detach();
}
