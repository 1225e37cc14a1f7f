// GoKer cockroach#3710 (RWR), NATURAL schedule: the raft processor usually writes after the
// scan is done (here it waits for the scan on a relaxed flag, timing only). The scan
// read-locked the store twice, the second time under the queue's mutex, and the processor
// write-locks it: prediction should report that a writer queued between the two read locks
// deadlocks them.
// EXPECT-PENDING: deadlock predicted 46 55 -- RWR nested read locks not predicted yet (issue 13 #4)
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> scanned{false};

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
    pthread_rwlock_rdlock(&mu);  // (A) a second read lock
    pthread_rwlock_unlock(&mu);
  }
  void force_raft_log_scan_and_process() {
    pthread_rwlock_rdlock(&mu);
    for (auto& [id, r] : replicas) raft_log_queue.maybe_add(r);
    pthread_rwlock_unlock(&mu);
  }
  void process_raft() {
    pthread_rwlock_wrlock(&mu);  // (W)
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
  std::thread scan([store] {
    store->force_raft_log_scan_and_process();
    scanned.store(true, std::memory_order_relaxed);
  });
  std::thread raft([store] {
    while (!scanned.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    store->process_raft();
  });
  scan.join();
  raft.join();
}
