// ccsp_analyze_bench: analyzer throughput and memory on large generated traces (and on
// recorded ones given with --trace). Each analysis runs in a forked child so its peak RSS is
// measured alone. Prints a table; never asserts on time.
//
//   ccsp_analyze_bench [--events=N] [--dir=DIR] [--keep] [--only=NAME ...] [--trace=FILE ...]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "analyzer/analysis.h"
#include "trace_builder.h"

namespace {

using namespace ccsp;
using testing::TraceBuilder;
using trace::AtomicKind;
using trace::MemOrder;
using trace::SyncKind;

struct Workload {
  const char* name;
  const char* what;
  std::function<void(TraceBuilder&, uint64_t events)> build;
};

// Deterministic xorshift, so every run builds the same traces.
struct Rng {
  uint64_t s = 0x9e3779b97f4a7c15ull;
  uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
};

constexpr int kTasks = 8;

void Start(TraceBuilder& b) {
  b.T(1).Sync(SyncKind::kTaskStart);
  for (uint32_t t = 2; t <= kTasks; ++t) b.Spawn(1, t);
}

// Mostly task-private accesses (each task's own 64 KiB working set) with a mutex-protected
// shared counter every 64 accesses: a correctly synchronized steady-state program.
void Steady(TraceBuilder& b, uint64_t events) {
  uint32_t site = b.Site("work", "bench.cc", 10, 3), crit = b.Site("work", "bench.cc", 20, 5);
  Start(b);
  Rng rng;
  uint64_t done = 0;
  while (done < events) {
    for (uint32_t t = 1; t <= kTasks && done < events; ++t) {
      TraceBuilder::Task& task = b.T(t);
      uint64_t base = 0x100000000ull * t;
      for (int i = 0; i < 64; ++i) {
        uint64_t off = (rng.Next() % 8192) * 8;
        task.Access(i & 3, base + off, 8, site + (i & 1));
      }
      task.Sync(SyncKind::kMutexLock, 0x5000).Write(0x6000, 8, crit).Sync(SyncKind::kMutexUnlock, 0x5000);
      done += 67;
    }
  }
}

// Sequential array sweeps (the access filter's best case becomes the analyzer's: one page
// after another) with a barrier between phases.
void Sweep(TraceBuilder& b, uint64_t events) {
  uint32_t site = b.Site("sweep", "bench.cc", 30, 3);
  Start(b);
  b.T(1).Sync(SyncKind::kBarrierInit, 0x7000, kTasks);
  uint64_t done = 0, phase = 0;
  while (done < events) {
    for (uint32_t t = 1; t <= kTasks; ++t) {
      uint64_t base = 0x200000000ull + (t - 1) * 0x100000ull + (phase & 1) * 0x4000000ull;
      for (uint64_t i = 0; i < 4096; ++i) b.T(t).Write(base + i * 8, 8, site);
      done += 4096;
    }
    for (uint32_t t = 1; t <= kTasks; ++t) b.T(t).Sync(SyncKind::kBarrierArrive, 0x7000);
    for (uint32_t t = 1; t <= kTasks; ++t) b.T(t).Sync(SyncKind::kBarrierDepart, 0x7000);
    done += 2 * kTasks;
    ++phase;
  }
}

// Producer/consumer over a channel plus release/acquire atomics: synchronization-heavy.
void SyncHeavy(TraceBuilder& b, uint64_t events) {
  uint32_t site = b.Site("pc", "bench.cc", 40, 3);
  Start(b);
  b.T(1).Sync(SyncKind::kChanMake, 0x8000, 16);
  uint64_t done = 0, k = 0;
  while (done < events) {
    for (uint32_t t = 2; t <= kTasks; t += 2) {
      uint64_t slot = 0x300000000ull + (k % 64) * 64;
      b.T(t).Write(slot, 8, site).Write(slot + 8, 8, site);
      b.T(t).Sync(SyncKind::kChanSend, 0x8000, k).Sync(SyncKind::kChanSendDone, 0x8000, k);
      b.T(t + 1).Sync(SyncKind::kChanRecv, 0x8000, k).Read(slot, 8, site).Read(slot + 8, 8, site);
      b.T(t).Atomic(AtomicKind::kRmw, MemOrder::kAcqRel, 8, 0x9000, site);
      b.T(t + 1).Atomic(AtomicKind::kLoad, MemOrder::kAcquire, 8, 0x9000, site);
      ++k;
      done += 9;
    }
  }
}

// malloc/write/free churn: shadow is created and dropped continuously.
void HeapChurn(TraceBuilder& b, uint64_t events) {
  uint32_t site = b.Site("churn", "bench.cc", 50, 3);
  Start(b);
  Rng rng;
  uint64_t done = 0;
  while (done < events) {
    for (uint32_t t = 1; t <= kTasks && done < events; ++t) {
      uint64_t block = 0x400000000ull + (rng.Next() % 4096) * 256 + t * 0x1000000ull;
      b.T(t).Sync(SyncKind::kAlloc, block, 128, 0);
      for (int i = 0; i < 16; ++i) b.T(t).Write(block + i * 8, 8, site);
      for (int i = 0; i < 16; ++i) b.T(t).Read(block + i * 8, 8, site);
      b.T(t).Sync(SyncKind::kFree, block);
      done += 34;
    }
  }
}

// TSan's deadlock-detector stress shape: 16,384 rwlocks taken in one global order by a few
// tasks, each holding a window of the last 8 while it takes the next (write and read modes
// mixed). No cycle exists; the lock-order pass must cost about what the replay does, however
// many locks there are.
void LockChain(TraceBuilder& b, uint64_t events) {
  uint32_t site = b.Site("chain", "bench.cc", 60, 3);
  constexpr uint64_t kLocks = 16384, kWindow = 8;
  Start(b);
  uint64_t done = 0;
  while (done < events) {
    for (uint32_t t = 2; t <= 5 && done < events; ++t) {
      TraceBuilder::Task& task = b.T(t);
      for (uint64_t i = 0; i < kLocks && done < events; ++i) {
        uint64_t lock = 0x7000000 + i * 64;
        task.Sync(i % 3 ? SyncKind::kRwWrLock : SyncKind::kRwRdLock, lock, 0, 0, site);
        if (i >= kWindow) task.Sync(SyncKind::kRwUnlock, lock - kWindow * 64, 0, 0, site);
        done += 2;
      }
      for (uint64_t i = kLocks - kWindow; i < kLocks; ++i) task.Sync(SyncKind::kRwUnlock, 0x7000000 + i * 64);
    }
  }
}

// The FastTrack slow paths: a table every task reads (read sets), records written at mixed
// sizes (granules split into byte slots), and a counter bumped without the lock (a race,
// found over and over and counted).
void Mixed(TraceBuilder& b, uint64_t events) {
  uint32_t site = b.Site("mixed", "bench.cc", 60, 3), racy = b.Site("racy", "bench.cc", 70, 5);
  constexpr uint64_t kTable = 0x500000000ull, kCounter = 0x600000000ull;
  b.T(1).Sync(SyncKind::kTaskStart);
  for (uint64_t i = 0; i < 512; ++i) b.T(1).Write(kTable + i * 8, 8, site);  // before the tasks
  for (uint32_t t = 2; t <= kTasks; ++t) b.Spawn(1, t);
  Rng rng;
  uint64_t done = 0;
  static const unsigned kSizes[] = {1, 2, 4, 8};
  while (done < events) {
    for (uint32_t t = 1; t <= kTasks && done < events; ++t) {
      TraceBuilder::Task& task = b.T(t);
      for (int i = 0; i < 32; ++i) task.Read(kTable + (rng.Next() % 512) * 8, 8, site);
      uint64_t rec = 0x700000000ull * t + (rng.Next() % 1024) * 64;
      for (int i = 0; i < 16; ++i) {
        unsigned size = kSizes[rng.Next() % 4];
        task.Access(i & 1, rec + (rng.Next() % 64 / size) * size, size, site);
      }
      task.Sync(SyncKind::kMutexLock, 0x5000).Write(0x6000, 4, site).Write(0x6004, 2, site);
      task.Sync(SyncKind::kMutexUnlock, 0x5000);
      task.Read(kCounter, 8, racy).Write(kCounter, 8, racy);
      done += 54;
    }
  }
}

struct Measure {
  bool ok = false;
  double seconds = 0;  // wall
  double cpu = 0;      // user + sys of the analyzing process
  uint64_t events = 0, payload = 0, reports = 0, shadow = 0;
  long rss_kb = 0;
};

// Analyzes in a child; returns its time, event count and peak RSS.
Measure AnalyzeInChild(const std::string& path) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    auto t0 = std::chrono::steady_clock::now();
    auto r = analyzer::AnalyzeFile(path, {});
    Measure m;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r.ok()) {
      m.ok = true;
      m.events = r->trace.events;
      m.payload = r->trace.payload_bytes;
      m.reports = r->Reported();
      m.shadow = r->trace.shadow_bytes;
    } else {
      std::fprintf(stderr, "%s\n", r.error().message.c_str());
    }
    ssize_t w = write(fds[1], &m, sizeof m);
    _exit(w == sizeof m ? 0 : 1);
  }
  close(fds[1]);
  Measure m;
  ssize_t n = read(fds[0], &m, sizeof m);
  close(fds[0]);
  int status;
  struct rusage ru;
  wait4(pid, &status, 0, &ru);
  if (n != sizeof m) return {};
  m.rss_kb = ru.ru_maxrss;
  // CPU time, not wall time: the machine may be shared; the analyzer is single-threaded.
  m.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  return m;
}

void Row(const char* name, const Measure& m) {
  if (!m.ok) {
    std::printf("%-12s  failed\n", name);
    return;
  }
  std::printf("%-12s %10.1f %9.1f %8.2f %8.2f %10.1f %9.1f %9.1f %7llu\n", name, m.events / 1e6,
              m.payload / 1048576.0, m.seconds, m.cpu, m.events / m.cpu / 1e6, m.rss_kb / 1024.0,
              m.shadow / 1048576.0, static_cast<unsigned long long>(m.reports));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t events = 50'000'000;
  std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  bool keep = false;
  std::vector<std::string> traces;
  std::vector<std::string> only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--events=", 0) == 0) events = std::strtoull(a.c_str() + 9, nullptr, 10);
    else if (a.rfind("--dir=", 0) == 0) dir = a.substr(6);
    else if (a == "--keep") keep = true;
    else if (a.rfind("--trace=", 0) == 0) traces.push_back(a.substr(8));
    else if (a.rfind("--only=", 0) == 0) only.push_back(a.substr(7));
    else {
      std::fprintf(stderr, "usage: %s [--events=N] [--dir=DIR] [--keep] [--only=NAME] [--trace=FILE]\n", argv[0]);
      return 2;
    }
  }
  std::printf("ccsp-analyze benchmark: one core, each analysis in its own process\n");
  std::printf("%-12s %10s %9s %8s %8s %10s %9s %9s %7s\n", "workload", "Mevents", "trace MB",
              "wall s", "cpu s", "Mevents/s", "RSS MB", "shadow MB", "reports");
  std::printf("(Mevents/s = events per CPU second of the analyzing process)\n");
  for (const std::string& t : traces) Row(t.c_str(), AnalyzeInChild(t));
  if (!traces.empty()) return 0;
  std::vector<Workload> workloads = {
      {"steady", "private accesses + mutex-protected counter", Steady},
      {"sweep", "array sweeps between barriers", Sweep},
      {"sync-heavy", "channel + atomics producer/consumer", SyncHeavy},
      {"heap-churn", "malloc / write / read / free", HeapChurn},
      {"mixed", "read-shared table, mixed sizes, a racy counter", Mixed},
      {"lock-chain", "16K rwlocks in one order, windows of 8 held", LockChain},
  };
  for (const Workload& w : workloads) {
    if (!only.empty() && std::find(only.begin(), only.end(), w.name) == only.end()) continue;
    for (uint64_t n : {events / 5, events}) {
      std::string path = dir + "/ccsp-bench-" + w.name + "-" + std::to_string(n) + ".bin";
      {
        TraceBuilder b(path);
        w.build(b, n);
        b.SetComplete(0);
      }
      std::string label = std::string(w.name) + (n == events ? "" : "/5");
      Row(label.c_str(), AnalyzeInChild(path));
      if (!keep) unlink(path.c_str());
    }
  }
  return 0;
}
