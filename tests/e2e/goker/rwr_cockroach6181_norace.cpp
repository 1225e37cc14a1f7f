// GoKer cockroach#6181 (RWR), FIXED as upstream did: the lookup logs the cache with
// string_locked, which expects the read lock to be held, instead of to_string. Run in the
// forced schedule (the first lookup's logging is slow).
// EXPECT: nothing
#include <pthread.h>

#include <chrono>
#include <string>
#include <thread>

using namespace std::chrono_literals;

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
  std::string string_locked() { return "range cache of " + std::to_string(lookups); }
  void lookup_range_descriptor(std::chrono::milliseconds log_delay) {
    pthread_rwlock_rdlock(&mu);
    std::this_thread::sleep_for(log_delay);
    std::string line = "lookup range descriptor: " + string_locked();
    pthread_rwlock_unlock(&mu);
    pthread_rwlock_wrlock(&mu);
    lookups++;
    pthread_rwlock_unlock(&mu);
  }
};

int main() {
  auto* cache = new RangeDescriptorCache;
  init_go_rwmutex(&cache->mu);
  std::thread first([cache] { cache->lookup_range_descriptor(50ms); });
  std::this_thread::sleep_for(10ms);
  std::thread second([cache] { cache->lookup_range_descriptor(0ms); });
  first.join();
  second.join();
}
