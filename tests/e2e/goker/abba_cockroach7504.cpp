// GoKer cockroach#7504 (AB-BA). LeaseManager::acquire_by_name looks a lease up in the table
// name cache: the cache's mu, then the lease's mu. release holds the table state's mu and
// the lease's mu, and removing the lease from the name cache takes the cache's mu.
// FORCED: a barrier lets each task take its first lock before asking for the other one.
// EXPECT: deadlock actual 30 33
// TSAN-DIFFERS: TSan has no wait-for cycle check; it reports the blocked acquisitions' order
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

pthread_barrier_t both_hold_one;  // forcing only

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
    pthread_barrier_wait(&both_hold_one);
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
    pthread_barrier_wait(&both_hold_one);
    active.erase(std::find(active.begin(), active.end(), lease));
    names->remove(lease);
  }
};

int main() {
  pthread_barrier_init(&both_hold_one, nullptr, 2);
  auto* names = new TableNameCache;  // shared with the tasks for the life of the process
  auto* table = new TableState;
  auto* lease = new LeaseState;
  names->tables[0] = lease;
  table->names = names;
  table->active.push_back(lease);
  std::thread([names] { names->get(0); }).detach();                 // acquire_by_name
  std::thread([table, lease] { table->release(lease); }).detach();  // release
  std::this_thread::sleep_for(std::chrono::milliseconds(100));      // both are stuck by now
}
