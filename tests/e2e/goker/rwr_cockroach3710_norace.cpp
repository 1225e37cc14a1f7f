// GoKer cockroach#3710 (RWR), FIXED as upstream did: the scan copies the replicas under the
// read lock and queues them after releasing it, so raft_status's read lock is never nested.
// Run in the forced schedule (a slow scan, the writer queued meanwhile).
// EXPECT: nothing
#include <pthread.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

void init_go_rwmutex(pthread_rwlock_t* rw) {
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
  pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(rw, &attr);
  pthread_rwlockattr_destroy(&attr);
}

struct Store;
struct Replica {
  Store* store = nullptr;
};

struct BaseQueue {
  std::mutex mu;
  int queued = 0;
  void maybe_add(Replica* r);
};

struct Store {
  pthread_rwlock_t mu;
  BaseQueue raft_log_queue;
  std::map<int, Replica*> replicas;
  int processed = 0;
  void raft_status() {
    pthread_rwlock_rdlock(&mu);
    pthread_rwlock_unlock(&mu);
  }
  void force_raft_log_scan_and_process(std::chrono::milliseconds scan_time) {
    std::vector<Replica*> copy;
    pthread_rwlock_rdlock(&mu);
    std::this_thread::sleep_for(scan_time);
    for (auto& [id, r] : replicas) copy.push_back(r);
    pthread_rwlock_unlock(&mu);
    for (Replica* r : copy) raft_log_queue.maybe_add(r);
  }
  void process_raft() {
    pthread_rwlock_wrlock(&mu);
    processed += static_cast<int>(replicas.size());
    pthread_rwlock_unlock(&mu);
  }
};

void BaseQueue::maybe_add(Replica* r) {
  std::lock_guard<std::mutex> g(mu);
  r->store->raft_status();
  queued++;
}

int main() {
  auto* store = new Store;
  init_go_rwmutex(&store->mu);
  for (int i = 0; i < 2; ++i) store->replicas[i] = new Replica{store};
  std::thread scan([store] { store->force_raft_log_scan_and_process(50ms); });
  std::this_thread::sleep_for(10ms);
  std::thread raft([store] { store->process_raft(); });
  scan.join();
  raft.join();
}
