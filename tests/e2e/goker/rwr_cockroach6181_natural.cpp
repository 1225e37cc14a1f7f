// GoKer cockroach#6181 (RWR), NATURAL schedule: the lookups usually do not overlap (here the
// second waits for the first on a relaxed flag, timing only), so the nested read lock never
// meets a queued writer. Each lookup took the read lock twice and then the write lock:
// prediction should report that a writer queued between the two read locks deadlocks them.
// EXPECT-PENDING: deadlock predicted 32 41 -- RWR nested read locks not predicted yet (issue 13 #4)
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> first_done{false};

void init_go_rwmutex(pthread_rwlock_t* rw) {
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
  pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(rw, &attr);
  pthread_rwlockattr_destroy(&attr);
}

struct RangeDescriptorCache {
  pthread_rwlock_t mu;
  int lookups = 0;
  std::string to_string() {
    pthread_rwlock_rdlock(&mu);  // (A) nested read lock
    std::string s = "range cache of " + std::to_string(lookups);
    pthread_rwlock_unlock(&mu);
    return s;
  }
  void lookup_range_descriptor() {
    pthread_rwlock_rdlock(&mu);
    std::string line = "lookup range descriptor: " + to_string();
    pthread_rwlock_unlock(&mu);
    pthread_rwlock_wrlock(&mu);  // (W)
    lookups++;
    pthread_rwlock_unlock(&mu);
  }
};

int main() {
  auto* cache = new RangeDescriptorCache;
  init_go_rwmutex(&cache->mu);
  std::thread first([cache] {
    cache->lookup_range_descriptor();
    first_done.store(true, std::memory_order_relaxed);
  });
  std::thread second([cache] {
    while (!first_done.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    cache->lookup_range_descriptor();
  });
  first.join();
  second.join();
}
