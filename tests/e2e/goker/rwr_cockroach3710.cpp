// GoKer cockroach#3710 (RWR). Store::force_raft_log_scan_and_process read-locks the store's
// Go RWMutex (a writer-preferring pthread rwlock), and for each replica the raft log queue's
// maybe_add takes the queue's mutex and asks raft_status, which read-locks the store again.
// process_raft write-locks the store. FORCED: the raft processor's write lock queues between
// the two read locks; main returns, and the partial deadlock is reported at exit.
// EXPECT: deadlock actual 44 55
// TSAN-DIFFERS: TSan has no wait-for cycle check
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

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
  std::atomic<bool> scanning{false};  // forcing only
  void raft_status() {
    pthread_rwlock_rdlock(&mu);  // (A) a second read lock, behind the queued writer
    pthread_rwlock_unlock(&mu);
  }
  void force_raft_log_scan_and_process(std::chrono::milliseconds scan_time) {
    pthread_rwlock_rdlock(&mu);
    scanning = true;
    std::this_thread::sleep_for(scan_time);  // forcing: a slow scan
    for (auto& [id, r] : replicas) raft_log_queue.maybe_add(r);
    pthread_rwlock_unlock(&mu);
  }
  void process_raft() {
    pthread_rwlock_wrlock(&mu);  // (W) queued behind the scan's read lock
    processed += static_cast<int>(replicas.size());
    pthread_rwlock_unlock(&mu);
  }
};

void BaseQueue::maybe_add(Replica* r) {
  std::lock_guard<std::mutex> g(mu);
  r->store->raft_status();  // should_queue -> get_truncatable_indexes -> raft_status
  queued++;
}

int main() {
  auto* store = new Store;  // shared with the tasks for the life of the process
  init_go_rwmutex(&store->mu);
  for (int i = 0; i < 2; ++i) store->replicas[i] = new Replica{store};
  std::thread([store] { store->force_raft_log_scan_and_process(50ms); }).detach();
  while (!store->scanning) std::this_thread::sleep_for(1ms);  // forcing: the scan holds its
  // read lock
  std::thread([store] { store->process_raft(); }).detach();
  std::this_thread::sleep_for(100ms);  // both are stuck by now
}
