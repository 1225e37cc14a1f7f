// GoKer cockroach#7504 (AB-BA), FIXED as upstream did: release drops the lease's mu before
// it removes the lease from the name cache, so the name cache's mu is never taken under a
// lease's. Both tasks run at once.
// EXPECT: nothing
#include <algorithm>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

struct LeaseState {
  std::mutex mu;
  int id = 0;
  bool released = false;
};

struct TableNameCache {
  std::mutex mu;
  std::map<int, LeaseState*> tables;
  void get(int id) {
    std::lock_guard<std::mutex> g(mu);
    auto it = tables.find(id);
    if (it == tables.end()) return;
    std::lock_guard<std::mutex> l(it->second->mu);
  }
  void remove(LeaseState* lease) {
    std::lock_guard<std::mutex> g(mu);
    tables.erase(lease->id);
  }
};

struct TableState {
  std::mutex mu;
  TableNameCache* names = nullptr;
  std::vector<LeaseState*> active;
  void release(LeaseState* lease) {
    std::lock_guard<std::mutex> g(mu);
    {
      std::lock_guard<std::mutex> l(lease->mu);
      lease->released = true;
    }
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
  std::thread acquire([names] { names->get(0); });
  std::thread release([table, lease] { table->release(lease); });
  acquire.join();
  release.join();
}
