// GoKer cockroach#7504 (AB-BA), NATURAL schedule: the lease is usually released well after
// the lookup (here the release waits for it on a relaxed flag, timing only); the opposite
// orders of the name cache's and the lease's locks are still reported, by prediction.
// EXPECT: deadlock predicted 28 31
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> looked_up{false};

struct LeaseState {
  std::mutex mu;
  int id = 0;
};

struct TableNameCache {
  std::mutex mu;
  std::map<int, LeaseState*> tables;
  void get(int id) {
    std::lock_guard<std::mutex> g(mu);
    LeaseState* lease = tables.at(id);
    std::lock_guard<std::mutex> l(lease->mu);  // (A) the lease, holding the name cache
  }
  void remove(LeaseState* lease) {
    std::lock_guard<std::mutex> g(mu);  // (B) the name cache, holding the lease
    tables.erase(lease->id);
  }
};

struct TableState {
  std::mutex mu;
  TableNameCache* names = nullptr;
  std::vector<LeaseState*> active;
  void release(LeaseState* lease) {
    std::lock_guard<std::mutex> g(mu);
    std::lock_guard<std::mutex> l(lease->mu);
    active.erase(std::find(active.begin(), active.end(), lease));
    names->remove(lease);
  }
};

int main() {
  auto* names = new TableNameCache;
  auto* table = new TableState;
  auto* lease = new LeaseState;
  names->tables[0] = lease;
  table->names = names;
  table->active.push_back(lease);
  std::thread acquire([names] {
    names->get(0);
    looked_up.store(true, std::memory_order_relaxed);
  });
  std::thread release([table, lease] {
    while (!looked_up.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    table->release(lease);
  });
  acquire.join();
  release.join();
}
