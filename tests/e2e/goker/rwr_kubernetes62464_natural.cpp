// GoKer kubernetes#62464 (RWR), NATURAL schedule: the policy's write usually comes after the
// reconciler is done (here it waits for the reconciler on a relaxed flag, timing only). The
// nested read lock could still wait behind a writer queued between the two read locks:
// prediction should report it.
// EXPECT-PENDING: deadlock predicted 28 43 -- RWR nested read locks not predicted yet (issue 13 #4)
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <thread>

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> reconciled{false};

void init_go_rwmutex(pthread_rwlock_t* rw) {
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
  pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(rw, &attr);
  pthread_rwlockattr_destroy(&attr);
}

struct StateMemory {
  pthread_rwlock_t mu;
  int default_cpus = 4;
  bool get_cpu_set() {
    pthread_rwlock_rdlock(&mu);  // (A) a second read lock: could queue behind a writer
    bool found = default_cpus > 8;
    pthread_rwlock_unlock(&mu);
    return found;
  }
  void get_default_cpu_set() {
    pthread_rwlock_rdlock(&mu);
    pthread_rwlock_unlock(&mu);
  }
  void get_cpu_set_or_default() {
    pthread_rwlock_rdlock(&mu);
    if (!get_cpu_set()) get_default_cpu_set();
    pthread_rwlock_unlock(&mu);
  }
  void set_default_cpu_set() {
    pthread_rwlock_wrlock(&mu);  // (W)
    default_cpus = 2;
    pthread_rwlock_unlock(&mu);
  }
};

int main() {
  auto* state = new StateMemory;
  init_go_rwmutex(&state->mu);
  std::thread reconcile([state] {
    state->get_cpu_set_or_default();
    reconciled.store(true, std::memory_order_relaxed);
  });
  std::thread policy([state] {
    while (!reconciled.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    state->get_default_cpu_set();
    state->set_default_cpu_set();
  });
  reconcile.join();
  policy.join();
}
