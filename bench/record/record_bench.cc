// Recording benchmark programs: one binary, one case per invocation (`record_bench <case>
// [scale]`), built three ways by run.sh (plain, TSan, ccsp). Each case is a small, typical
// concurrent workload; it prints a checksum so that no build can optimize the work away.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

constexpr int kThreads = 4;
int g_scale = 1;  // argv[2]: work multiplier; 1 is ~0.1-0.3 s plain on a 2-core VM

template <typename Fn>
void RunThreads(int n, Fn fn) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i) ts.emplace_back(fn, i);
  for (auto& t : ts) t.join();
}

// A mutex-heavy counter: every increment under one lock.
uint64_t MutexCounter() {
  std::mutex mu;
  uint64_t counter = 0;
  RunThreads(kThreads, [&](int id) {
    for (int i = 0; i < 1200000 * g_scale; ++i) {
      std::lock_guard<std::mutex> g(mu);
      counter += static_cast<uint64_t>(id + i % 7);
    }
  });
  return counter;
}

// A read-mostly map behind a shared_mutex: 1 write per 64 reads.
uint64_t RwlockMap() {
  std::shared_mutex mu;
  std::unordered_map<uint64_t, uint64_t> map;
  for (uint64_t k = 0; k < 4096; ++k) map[k] = k * 3;
  std::atomic<uint64_t> sum{0};
  RunThreads(kThreads, [&](int id) {
    uint64_t local = 0, x = static_cast<uint64_t>(id) * 7919 + 1;
    for (int i = 0; i < 1500000 * g_scale; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      uint64_t k = (x >> 33) % 4096;
      if (i % 64 == 0) {
        std::unique_lock<std::shared_mutex> g(mu);
        map[k] += 1;
      } else {
        std::shared_lock<std::shared_mutex> g(mu);
        auto it = map.find(k);
        if (it != map.end()) local += it->second;
      }
    }
    sum.fetch_add(local, std::memory_order_relaxed);
  });
  return sum.load();
}

// A bounded lock-free MPMC queue (Vyukov) with atomic sequence numbers: atomic-heavy.
class AtomicQueue {
 public:
  explicit AtomicQueue(size_t cap) : cells_(cap), mask_(cap - 1) {
    for (size_t i = 0; i < cap; ++i) cells_[i].seq.store(i, std::memory_order_relaxed);
  }
  bool Push(uint64_t v) {
    size_t pos = tail_.load(std::memory_order_relaxed);
    for (;;) {
      Cell& c = cells_[pos & mask_];
      size_t seq = c.seq.load(std::memory_order_acquire);
      intptr_t diff = static_cast<intptr_t>(seq) - static_cast<intptr_t>(pos);
      if (diff == 0) {
        if (tail_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
          c.value = v;
          c.seq.store(pos + 1, std::memory_order_release);
          return true;
        }
      } else if (diff < 0) {
        return false;
      } else {
        pos = tail_.load(std::memory_order_relaxed);
      }
    }
  }
  bool Pop(uint64_t* v) {
    size_t pos = head_.load(std::memory_order_relaxed);
    for (;;) {
      Cell& c = cells_[pos & mask_];
      size_t seq = c.seq.load(std::memory_order_acquire);
      intptr_t diff = static_cast<intptr_t>(seq) - static_cast<intptr_t>(pos + 1);
      if (diff == 0) {
        if (head_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
          *v = c.value;
          c.seq.store(pos + mask_ + 1, std::memory_order_release);
          return true;
        }
      } else if (diff < 0) {
        return false;
      } else {
        pos = head_.load(std::memory_order_relaxed);
      }
    }
  }

 private:
  struct Cell {
    std::atomic<size_t> seq;
    uint64_t value;
  };
  std::vector<Cell> cells_;
  size_t mask_;
  alignas(64) std::atomic<size_t> head_{0};
  alignas(64) std::atomic<size_t> tail_{0};
};

uint64_t AtomicQueueCase() {
  AtomicQueue q(1024);
  const int kPerProducer = 1500000 * g_scale;
  std::atomic<uint64_t> sum{0};
  RunThreads(kThreads, [&](int id) {
    if (id % 2 == 0) {
      for (int i = 0; i < kPerProducer; ++i)
        while (!q.Push(static_cast<uint64_t>(i))) std::this_thread::yield();
    } else {
      uint64_t local = 0, v;
      for (int i = 0; i < kPerProducer; ++i) {
        while (!q.Pop(&v)) std::this_thread::yield();
        local += v;
      }
      sum.fetch_add(local, std::memory_order_relaxed);
    }
  });
  return sum.load();
}

// A compute loop over shared arrays: each task owns a slice, merges under a lock per round.
uint64_t ComputeArrays() {
  constexpr size_t kN = 1 << 16;
  std::vector<double> a(kN), b(kN), c(kN);
  for (size_t i = 0; i < kN; ++i) {
    a[i] = static_cast<double>(i % 101);
    b[i] = static_cast<double>(i % 37);
  }
  std::mutex mu;
  double total = 0;
  RunThreads(kThreads, [&](int id) {
    size_t lo = kN / kThreads * static_cast<size_t>(id), hi = lo + kN / kThreads;
    for (int round = 0; round < 1200 * g_scale; ++round) {
      double local = 0;
      for (size_t i = lo; i < hi; ++i) {
        c[i] = a[i] * 0.5 + b[i] * (round + 1);
        local += c[i];
      }
      std::lock_guard<std::mutex> g(mu);
      total += local;
    }
  });
  return static_cast<uint64_t>(total);
}

// Producer/consumer over a mutex + condition-variable bounded queue.
uint64_t ProducerConsumer() {
  std::mutex mu;
  std::condition_variable not_empty, not_full;
  std::deque<uint64_t> q;
  constexpr size_t kCap = 256;
  const int kItems = 400000 * g_scale;
  uint64_t sum = 0;
  RunThreads(kThreads, [&](int id) {
    if (id % 2 == 0) {
      for (int i = 0; i < kItems; ++i) {
        std::unique_lock<std::mutex> l(mu);
        not_full.wait(l, [&] { return q.size() < kCap; });
        q.push_back(static_cast<uint64_t>(i));
        not_empty.notify_one();
      }
    } else {
      for (int i = 0; i < kItems; ++i) {
        std::unique_lock<std::mutex> l(mu);
        not_empty.wait(l, [&] { return !q.empty(); });
        sum += q.front();
        q.pop_front();
        not_full.notify_one();
      }
    }
  });
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  const char* c = argc > 1 ? argv[1] : "";
  if (argc > 2) g_scale = atoi(argv[2]) > 0 ? atoi(argv[2]) : 1;
  uint64_t r;
  if (!strcmp(c, "mutex_counter")) r = MutexCounter();
  else if (!strcmp(c, "rwlock_map")) r = RwlockMap();
  else if (!strcmp(c, "atomic_queue")) r = AtomicQueueCase();
  else if (!strcmp(c, "compute_arrays")) r = ComputeArrays();
  else if (!strcmp(c, "producer_consumer")) r = ProducerConsumer();
  else {
    fprintf(stderr, "usage: record_bench mutex_counter|rwlock_map|atomic_queue|compute_arrays|producer_consumer\n");
    return 2;
  }
  printf("%s %llu\n", c, static_cast<unsigned long long>(r));
  return 0;
}
