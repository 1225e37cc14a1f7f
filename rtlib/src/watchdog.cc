// All-asleep detection. Only tasks blocked in operations the runtime sees count as asleep;
// a task in any other call (read, sleep, poll...) counts as running, and one timed wait
// keeps the watchdog quiet, as Go's does while a timer is pending.
#include "watchdog.h"

#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atomic>

#include "init.h"
#include "interceptor.h"
#include "meta_stream.h"
#include "options.h"
#include "record.h"
#include "report.h"
#include "task_registry.h"

namespace ccsp::rt::watchdog {
namespace {

constinit std::atomic<bool> g_started{false};

const char* OpName(uint32_t op) {
  switch (static_cast<BlockOp>(op)) {
    case BlockOp::kMutexLock: return "mutex lock";
    case BlockOp::kRwRdLock: return "rwlock read lock";
    case BlockOp::kRwWrLock: return "rwlock write lock";
    case BlockOp::kCondWait: return "cond wait";
    case BlockOp::kJoin: return "join";
    case BlockOp::kBarrier: return "barrier wait";
    case BlockOp::kSemWait: return "semaphore wait";
    case BlockOp::kOnce: return "once";
    case BlockOp::kChanSend: return "chan send";
    case BlockOp::kChanRecv: return "chan receive";
    case BlockOp::kSelect: return "select";
    case BlockOp::kWgWait: return "wait group wait";
    case BlockOp::kSleep: return "sleep";
    case BlockOp::kSpinLock: return "spin lock";
    case BlockOp::kIdle: return "idle";
  }
  return "blocked";
}

// A runtime-internal task (the timer thread) idle with nothing pending can wake no one; one
// with a timer pending is in a timed wait, which keeps the watchdog quiet as Go's does.
bool IdleInternal(const TaskRecord& r) {
  return r.internal.load(std::memory_order_acquire) &&
         r.block_op.load(std::memory_order_acquire) == static_cast<uint32_t>(BlockOp::kIdle);
}

struct Scan {
  bool all_asleep = true;
  uint32_t live = 0;
  uint64_t signature = 0;
};

Scan ScanLocked() {
  Scan s;
  for (TaskRecord* r = registry::HeadLocked(); r; r = r->next) {
    if (IdleInternal(*r)) continue;  // the runtime's own thread with nothing pending
    ++s.live;
    uint32_t op = r->block_op.load(std::memory_order_acquire);
    if (!op || r->block_timed.load(std::memory_order_relaxed) || !r->tls.load(std::memory_order_acquire)) {
      s.all_asleep = false;
      return s;
    }
    s.signature = s.signature * 1000003 + r->block_gen.load(std::memory_order_relaxed) * 31 + r->id;
  }
  return s;
}

// Before firing: every task must really be asleep in the kernel. A task whose wait has
// already ended but that has not run since (a loaded machine) is runnable ('R'), and its
// BlockEnd is merely late.
bool AllSleepingInKernel() {
  SpinLockGuard guard(registry::Lock());
  for (TaskRecord* r = registry::HeadLocked(); r; r = r->next) {
    if (IdleInternal(*r)) continue;
    char path[64], buf[512];
    Buf p(path, sizeof path);
    p.Str("/proc/self/task/").Dec(static_cast<uint64_t>(r->tid.load())).Str("/stat");
    int fd = open(p.CStr(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return false;
    buf[n] = '\0';
    const char* paren = strrchr(buf, ')');
    if (!paren || paren[1] != ' ') return false;
    char state = paren[2];
    if (state != 'S' && state != 'D') return false;
  }
  return true;
}

[[noreturn]] void Fire() {
  static char data[1 << 16];
  registry::Lock().Lock();
  Buf b(data, sizeof data);
  b.Str("fatal error: all tasks are asleep - deadlock!\n");
  WriteStderr(b.data(), b.size());
  TaskRecord* reporter = nullptr;
  uint32_t n = 0;
  // Oldest first, which is task-id order for created tasks.
  for (TaskRecord* r = registry::HeadLocked(); r; r = r->next) {
    if (r->internal.load(std::memory_order_acquire)) continue;  // never shown to the user
    ++n;
    TaskState* t = r->tls.load(std::memory_order_acquire);
    b.Clear();
    b.Str("\ntask ").Dec(r->id).Str(" [").Str(OpName(r->block_op.load())).Str("]:\n");
    if (t) AppendStack(b, *t, r->block_site.load());
    if (r->parent) {
      b.Str("created by task ").Dec(r->parent).Ch('\n');
      const ccsp_site_entry* s = meta::LookupSite(r->create_site);
      if (s && s->file && *s->file) b.Ch('\t').Str(s->file).Ch(':').Dec(s->line).Ch('\n');
    }
    WriteStderr(b.data(), b.size());
    if (t && (!reporter || r->id < reporter->id)) reporter = r;
  }
  // Every task is blocked, so writing into the reporter's stream races with no one.
  if (reporter) {
    TaskState* t = reporter->tls.load();
    WriteSync(*t, SyncKind::kAllAsleep, NextSeq(*t), NowTs(), 0, n, 0, 0);
    meta::Panic(reporter->id, "all tasks are asleep - deadlock!");
  }
  registry::Lock().Unlock();
  FinishTrace(2);
  _exit(2);
}

void* Main(void*) {
  TaskState& self = Cur();
  self.phase = Phase::kEnded;  // never adopted as a task
  self.suppress = kSuppressStopped;
  bool last_asleep = false;
  uint64_t last_signature = 0;
  for (;;) {
    uint32_t ms = g_options.watchdog_interval_ms;
    timespec ts{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
    Scan s;
    {
      SpinLockGuard guard(registry::Lock());
      s = ScanLocked();
    }
    bool asleep = s.all_asleep && s.live > 0;
    if (asleep && last_asleep && s.signature == last_signature && AllSleepingInKernel()) Fire();
    last_asleep = asleep;
    last_signature = s.signature;
  }
  return nullptr;
}

}  // namespace

void MaybeStart() {
  if (!g_options.watchdog || g_started.load(std::memory_order_relaxed)) return;
  if (g_started.exchange(true)) return;
  ScopedRuntime rt;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t th;
  if (RealPthreadCreate(&th, &attr, Main, nullptr) != 0) g_started.store(false);
  pthread_attr_destroy(&attr);
}

void ResetInChild() { g_started.store(false, std::memory_order_relaxed); }

}  // namespace ccsp::rt::watchdog
