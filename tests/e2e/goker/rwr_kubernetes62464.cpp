// GoKer kubernetes#62464 (RWR). stateMemory is guarded by a Go RWMutex (modelled by a
// writer-preferring pthread rwlock: a queued writer blocks new readers). The reconciler
// read-locks it in GetCPUSetOrDefault and again in GetCPUSet; the policy's
// SetDefaultCPUSet write-locks it. The writer queues behind the first read lock, the nested
// read lock queues behind the writer. FORCED: the writer asks between the two read locks.
// main waits for the reconciler: every task is asleep.
// EXPECT: all-asleep 28 45 62
// EXPECT: deadlock actual 28 45
#include <pthread.h>

#include <chrono>
#include <thread>

pthread_barrier_t reader_holds;  // forcing only

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
    pthread_rwlock_rdlock(&mu);  // (A) a second read lock, behind the queued writer
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
    pthread_barrier_wait(&reader_holds);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the writer queues now
    if (!get_cpu_set()) get_default_cpu_set();
    pthread_rwlock_unlock(&mu);
  }
  void set_default_cpu_set() {
    pthread_rwlock_wrlock(&mu);  // (W) queued behind the reconciler's read lock
    default_cpus = 2;
    pthread_rwlock_unlock(&mu);
  }
};

int main() {
  pthread_barrier_init(&reader_holds, nullptr, 2);
  auto* state = new StateMemory;  // shared with the tasks for the life of the process
  init_go_rwmutex(&state->mu);
  std::thread reconcile([state] { state->get_cpu_set_or_default(); });
  std::thread([state] {  // the static policy's RemoveContainer
    pthread_barrier_wait(&reader_holds);
    state->get_default_cpu_set();
    state->set_default_cpu_set();
  })
      .detach();
  reconcile.join();  // (J)
}
