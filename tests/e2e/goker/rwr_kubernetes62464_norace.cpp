// GoKer kubernetes#62464 (RWR), FIXED as upstream did: GetCPUSetOrDefault takes the read
// lock once and uses lock-free *_locked helpers inside. Run in the forced schedule (the
// writer asks while the reconciler holds its read lock).
// EXPECT: nothing
#include <pthread.h>

#include <chrono>
#include <thread>

pthread_barrier_t reader_holds;

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
  bool get_cpu_set_locked() { return default_cpus > 8; }
  void get_default_cpu_set() {
    pthread_rwlock_rdlock(&mu);
    pthread_rwlock_unlock(&mu);
  }
  void get_cpu_set_or_default() {
    pthread_rwlock_rdlock(&mu);
    pthread_barrier_wait(&reader_holds);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    bool found = get_cpu_set_locked();
    (void)found;
    pthread_rwlock_unlock(&mu);
  }
  void set_default_cpu_set() {
    pthread_rwlock_wrlock(&mu);
    default_cpus = 2;
    pthread_rwlock_unlock(&mu);
  }
};

int main() {
  pthread_barrier_init(&reader_holds, nullptr, 2);
  auto* state = new StateMemory;
  init_go_rwmutex(&state->mu);
  std::thread reconcile([state] { state->get_cpu_set_or_default(); });
  std::thread policy([state] {
    pthread_barrier_wait(&reader_holds);
    state->get_default_cpu_set();
    state->set_default_cpu_set();
  });
  reconcile.join();
  policy.join();
}
