// GoKer cockroach#6181 (RWR). rangeDescriptorCache::lookup_range_descriptor read-locks the
// cache's Go RWMutex (a writer-preferring pthread rwlock) and logs the cache, whose
// to_string read-locks it again; then it write-locks it to update. Two lookups at once: the
// second one's write lock queues behind the first one's read lock, and the first one's
// nested read lock queues behind that writer. FORCED: the first lookup's logging is slow.
// main returns; the partial deadlock is reported at exit.
// EXPECT: deadlock actual 32 43
// TSAN-DIFFERS: TSan has no wait-for cycle check
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdio>
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
  std::atomic<bool> reading{false};  // forcing only
  std::string to_string() {
    pthread_rwlock_rdlock(&mu);  // (A) nested read lock, behind the other lookup's writer
    std::string s = "range cache of " + std::to_string(lookups);
    pthread_rwlock_unlock(&mu);
    return s;
  }
  void lookup_range_descriptor(std::chrono::milliseconds log_delay) {
    pthread_rwlock_rdlock(&mu);
    reading = true;
    std::this_thread::sleep_for(log_delay);  // forcing: slow logging
    std::string line = "lookup range descriptor: " + to_string();
    pthread_rwlock_unlock(&mu);
    pthread_rwlock_wrlock(&mu);  // (W) queued behind the first lookup's read lock
    lookups++;
    pthread_rwlock_unlock(&mu);
  }
};

int main() {
  auto* cache = new RangeDescriptorCache;  // shared with the tasks for the life of the process
  init_go_rwmutex(&cache->mu);
  std::thread([cache] { cache->lookup_range_descriptor(50ms); }).detach();
  while (!cache->reading) std::this_thread::sleep_for(1ms);  // forcing: the first lookup
  // holds its read lock
  std::thread([cache] { cache->lookup_range_descriptor(0ms); }).detach();
  std::this_thread::sleep_for(100ms);  // both are stuck by now
}
