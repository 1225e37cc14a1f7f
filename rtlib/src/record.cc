// Out-of-line recording paths. Invariants: only the owning thread writes a task's chunk
// (the watchdog writes into a blocked task's stream only when every task is blocked); each
// record is published with a release store of `used`; seq values grow along a stream.
#include "record.h"

#include <pthread.h>
#include <stddef.h>
#include <unistd.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#include <x86intrin.h>
#endif

#include "cpu_profiler.h"
#include "init.h"
#include "options.h"
#include "task_registry.h"
#include "trace_file.h"
#include "watchdog.h"

namespace ccsp::rt {

__thread TaskState g_task __attribute__((tls_model("initial-exec"))) = {};
// The seq counter is written by every sync event of every task; the clock parameters are read
// as often. Each gets its own 128-byte block (the adjacent-line prefetcher pairs 64-byte lines):
// sharing one would make every NowTs miss after another task's fetch_add.
alignas(128) constinit std::atomic<uint64_t> g_seq{0};

// Only after the task's atomics took stamps above g_seq (a per-stripe counter ran ahead).
uint64_t CatchUpSeq(TaskState& t) {
  for (;;) {
    uint64_t cur = g_seq.load(std::memory_order_relaxed);
    while (cur < t.last_seq && !g_seq.compare_exchange_weak(cur, t.last_seq, std::memory_order_relaxed)) {
    }
    uint64_t s = g_seq.fetch_add(1, std::memory_order_relaxed) + 1;
    if (s > t.last_seq) return s;
  }
}

// The trace clock. clock_gettime costs ~100 ns in some VMs, several times an uncontended
// lock; with an invariant TSC, timestamps come from rdtsc scaled to ns. The scale is
// calibrated once, lazily, against CLOCK_MONOTONIC after kCalibrateNs of run time (no
// start-up delay); before that, and without an invariant TSC, clock_gettime is used.
namespace {

constexpr uint64_t kCalibrateNs = 20 * 1000 * 1000;

struct alignas(128) TscClock {
  std::atomic<int> state{0};  // 0 uncalibrated, 1 calibrating, 2 ready, 3 unusable
  uint64_t tsc0 = 0, mono0 = 0;   // taken together at the first use
  uint64_t tsc_cal = 0, ns_cal = 0;
  uint64_t mult = 0;              // ns per tick, 32.32 fixed point
};
constinit TscClock g_clock;

#if defined(__x86_64__)
bool InvariantTsc() {
  unsigned a, b, c, d;
  if (!__get_cpuid(0x80000000u, &a, &b, &c, &d) || a < 0x80000007u) return false;
  __get_cpuid(0x80000007u, &a, &b, &c, &d);
  return d & (1u << 8);
}
#endif

uint64_t MonoSinceStart() {
  uint64_t now = MonoNs(), start = tracefile::StartMono();
  return now > start ? now - start : 0;
}

CCSP_NOINLINE uint64_t NowTsSlow() {
#if defined(__x86_64__)
  int st = g_clock.state.load(std::memory_order_acquire);
  if (st == 0 && !g_clock.tsc0) {
    if (!InvariantTsc()) {
      g_clock.state.store(3, std::memory_order_release);
      return MonoSinceStart();
    }
    int expected = 0;
    if (g_clock.state.compare_exchange_strong(expected, 1)) {
      g_clock.tsc0 = __rdtsc();
      g_clock.mono0 = MonoNs();
      g_clock.state.store(0, std::memory_order_release);
    }
  }
  uint64_t ns = MonoSinceStart();
  int expected = 0;
  if (st == 0 && g_clock.tsc0 && MonoNs() - g_clock.mono0 >= kCalibrateNs &&
      g_clock.state.compare_exchange_strong(expected, 1)) {
    uint64_t tsc = __rdtsc();
    uint64_t mono = MonoNs();
    uint64_t dt = tsc - g_clock.tsc0, dn = mono - g_clock.mono0;
    if (dt > 0 && dn > 0 && dn < (1ull << 31)) {
      g_clock.mult = (dn << 32) / dt;
      g_clock.tsc_cal = tsc;
      uint64_t start = tracefile::StartMono();
      g_clock.ns_cal = mono > start ? mono - start : 0;
      g_clock.state.store(2, std::memory_order_release);
    } else {
      g_clock.state.store(3, std::memory_order_release);
    }
  }
  return ns;
#else
  return MonoSinceStart();
#endif
}

}  // namespace

void ResetClockInChild() {
  g_clock.tsc0 = g_clock.mono0 = g_clock.tsc_cal = g_clock.ns_cal = g_clock.mult = 0;
  g_clock.state.store(0, std::memory_order_release);
}

uint64_t NowTs() {
#if defined(__x86_64__)
  if (CCSP_LIKELY(g_clock.state.load(std::memory_order_acquire) == 2)) {
    uint64_t d = __rdtsc() - g_clock.tsc_cal;
    return g_clock.ns_cal + static_cast<uint64_t>((static_cast<unsigned __int128>(d) * g_clock.mult) >> 32);
  }
#endif
  return NowTsSlow();
}

bool EnsureTaskSlow(TaskState& t) {
  if (t.phase == Phase::kEnded) return false;
  if (!EnsureInit()) return false;
  if (t.phase == Phase::kActive) return true;
  // A thread the runtime did not create (or one that ran before the runtime started).
  TaskRecord* r = registry::NewTask(0, 0);
  registry::MapPthread(reinterpret_cast<uint64_t>(pthread_self()), r->id);
  StartTask(t, r, 0);
  return t.phase == Phase::kActive;
}

// The staging chunk (tracefile::CopyOutChunk): `index` and `used` are adjacent, so one 8-byte
// store moves it to the next index with nothing published. A reader that finds the program
// killed before that store sees the staging chunk and its copy with the same index and the
// same bytes.
static_assert(offsetof(trace::ChunkHeader, used) == offsetof(trace::ChunkHeader, index) + 4);

static bool StopRecording(TaskState& t) {
  t.suppress |= kSuppressStopped;
  __atomic_store_n(&t.limit, nullptr, __ATOMIC_RELAXED);
  return false;
}

bool SwitchChunk(TaskState& t) {
  if (t.suppress & kSuppressStopped) return false;
  if (CCSP_UNLIKELY(cpuprof::Pending()) && t.chunk && !tracefile::Stopped())
    return cpuprof::WritePending(t);
  return NextChunk(t);
}

bool NextChunk(TaskState& t) {
  trace::ChunkHeader* c = t.chunk;
  if (!c) {
    c = tracefile::AllocChunk(t.id, 0, nullptr);
    if (!c) return StopRecording(t);
    t.chunk = c;
    t.chunk_index = 0;
    t.payload = reinterpret_cast<uint8_t*>(c + 1);
  } else {
    uint64_t copy = tracefile::CopyOutChunk(c, t.last_copy);
    if (!copy) return StopRecording(t);
    t.last_copy = copy;
    ++t.chunk_index;
    __atomic_store_n(reinterpret_cast<uint64_t*>(&c->index), uint64_t{t.chunk_index}, __ATOMIC_RELEASE);
  }
  CloseRuns(t);  // their count fields are in the bytes just copied out
  t.pos = t.payload;
  __atomic_store_n(&t.limit, ChunkLimit(t), __ATOMIC_RELAXED);
  // A sample noted while the chunk was copied out: its handler's cleared limit was just
  // overwritten, so it is written now, before the caller's record.
  if (CCSP_UNLIKELY(cpuprof::Pending())) return cpuprof::WritePending(t);
  return true;
}

bool EmitFramesSlow(TaskState& t) {
  while (t.emitted < t.depth) {
    CloseRuns(t);
    if (!Reserve(t)) return false;
    Frame f{0, 0};
    if (t.emitted < kMaxFrames) f = t.frames[t.emitted];
    t.pos = trace::EncodeFuncEnter(t.pos, f.callsite, f.fn);
    ++t.emitted;
    Publish(t);
  }
  return true;
}

void BumpEpoch(TaskState& t) {
  ++t.epoch;
  t.epoch_tag = uint64_t{t.epoch & 0xfff} << 4;
  if ((t.epoch & 0xfff) == 0) memset(t.filter, 0, sizeof t.filter);
}

// The sync record writer, inlined into the lock/unlock paths (one call per interceptor).
CCSP_ALWAYS_INLINE void WriteSyncInline(TaskState& t, SyncKind k, uint64_t seq, uint64_t ts, uint64_t obj,
                                        uint64_t a1, uint64_t a2, uint32_t site) {
  CloseRuns(t);
  if (!EmitFrames(t) || !Reserve(t)) return;
  if (ts < t.ss.ts) ts = t.ss.ts;
  CCSP_DCHECK(seq > t.ss.seq);
  [[clang::always_inline]] t.pos = trace::EncodeSync(t.pos, t.ss, k, seq, ts, obj, a1, a2, site);
  Publish(t);
}

void WriteSync(TaskState& t, SyncKind k, uint64_t seq, uint64_t ts, uint64_t obj, uint64_t a1, uint64_t a2,
               uint32_t site) {
  WriteSyncInline(t, k, seq, ts, obj, a1, a2, site);
}

void RecordSync(TaskState& t, SyncKind k, const void* obj, uint64_t a1, uint64_t a2, uint32_t site) {
  uint64_t seq = NextSeq(t);
  WriteSyncInline(t, k, seq, NowTs(), reinterpret_cast<uint64_t>(obj), a1, a2, site);
  BumpEpoch(t);
}

void RecordSyncSeq(TaskState& t, SyncKind k, uint64_t seq, const void* obj, uint64_t a1, uint64_t a2,
                   uint32_t site) {
  WriteSync(t, k, seq, NowTs(), reinterpret_cast<uint64_t>(obj), a1, a2, site);
  BumpEpoch(t);
}

void FinishRelease(TaskState& t, const PendingRelease& r, SyncKind k, const void* obj, uint32_t site) {
  WriteSyncInline(t, k, r.seq, NowTs(), reinterpret_cast<uint64_t>(obj), 0, 0, site);
  BumpEpoch(t);
}

void RecordAcquire(TaskState& t, SyncKind k, uint64_t ts, const void* obj, uint64_t a1, uint32_t site) {
  WriteSyncInline(t, k, NextSeq(t), ts, reinterpret_cast<uint64_t>(obj), a1, 0, site);
  BumpEpoch(t);
}

void NoteBlock(TaskState& t, uint32_t op, uint64_t obj, bool wakeable, uint32_t site) {
  TaskRecord* r = t.record;
  if (!r) return;
  r->block_obj.store(obj, std::memory_order_relaxed);
  r->block_timed.store(wakeable, std::memory_order_relaxed);
  r->block_site.store(site, std::memory_order_relaxed);
  r->block_op.store(op, std::memory_order_release);
  r->block_gen.fetch_add(1, std::memory_order_release);
  if (op && !wakeable) watchdog::MaybeStart();
}

void BlockBegin(TaskState& t, BlockOp op, const void* obj, bool timed, uint32_t site, bool shared) {
  RecordSync(t, SyncKind::kBlockBegin, obj, static_cast<uint32_t>(op), timed, site);
  NoteBlock(t, static_cast<uint32_t>(op), reinterpret_cast<uint64_t>(obj), timed || shared, site);
}

void BlockEnd(TaskState& t, BlockOp op, const void* obj, BlockOutcome outcome) {
  NoteBlock(t, 0, 0, false, 0);
  RecordSync(t, SyncKind::kBlockEnd, obj, static_cast<uint32_t>(op), static_cast<uint32_t>(outcome), 0);
}

// Allocation records reuse the previous timestamp (delta 0): the clock is read for sync and
// blocking events, not for every malloc.
void RecordAlloc(TaskState& t, const void* p, uint64_t size, AllocKind kind, uint32_t site) {
  uint64_t seq = NextSeq(t);
  WriteSync(t, SyncKind::kAlloc, seq, t.ss.ts, reinterpret_cast<uint64_t>(p), size, static_cast<uint32_t>(kind),
            site);
}

// A free ends the block's life: the filter must not hide this task's accesses to whatever is
// allocated at the same address next, so it starts a new epoch.
void RecordFree(TaskState& t, const void* p, AllocKind kind, uint32_t site) {
  uint64_t seq = NextSeq(t);
  WriteSync(t, SyncKind::kFree, seq, t.ss.ts, reinterpret_cast<uint64_t>(p), 0, static_cast<uint32_t>(kind), site);
  BumpEpoch(t);
}

static void ResetStream(TaskState& t) {
  t.ss = trace::StreamState{};
  t.chunk = nullptr;
  t.payload = t.pos = nullptr;
  __atomic_store_n(&t.limit, nullptr, __ATOMIC_RELAXED);
  t.chunk_index = 0;
  t.last_copy = 0;
  t.emitted = 0;
  t.store_mask = g_options.filter ? ~uint64_t{0} : 0;
  t.runs_on = g_options.runs ? 1 : 0;
  memset(t.runs, 0, sizeof t.runs);
  t.open_runs = 0;
  memset(t.filter, 0, sizeof t.filter);
  BumpEpoch(t);
}

void StartTask(TaskState& t, TaskRecord* r, uint32_t parent) {
  t.id = r->id;
  t.record = r;
  t.phase = Phase::kActive;
  t.suppress &= ~kSuppressStopped;
  ResetStream(t);
  t.tid = static_cast<int32_t>(gettid());
  r->tid.store(t.tid, std::memory_order_relaxed);
  r->tls.store(&t, std::memory_order_release);
  if (!SwitchChunk(t)) return;
  WriteSync(t, SyncKind::kTaskStart, NextSeq(t), NowTs(), 0, parent, 0, 0);
  pthread_setspecific(g_task_key, r);
  cpuprof::StartTask(t);
}

void EndTask(TaskState& t) {
  if (t.phase != Phase::kActive) return;
  cpuprof::EndTask(t);  // samples still noted are written before TaskEnd
  if (!(t.suppress & kSuppressStopped)) WriteSync(t, SyncKind::kTaskEnd, NextSeq(t), NowTs(), 0, 0, 0, 0);
  t.phase = Phase::kEnded;
  t.suppress |= kSuppressStopped;
  __atomic_store_n(&t.limit, nullptr, __ATOMIC_RELAXED);
  TaskRecord* r = t.record;
  t.record = nullptr;
  if (r) {
    r->tls.store(nullptr, std::memory_order_release);
    registry::RemoveTask(r);
  }
}

void RestartTaskInChild(TaskState& t) {
  t.suppress &= ~kSuppressStopped;
  t.tid = static_cast<int32_t>(gettid());
  if (t.record) t.record->tid.store(t.tid, std::memory_order_relaxed);
  ResetStream(t);
  if (!SwitchChunk(t)) return;
  WriteSync(t, SyncKind::kTaskStart, NextSeq(t), NowTs(), 0, 0, 0, 0);
  cpuprof::StartTask(t);
}

}  // namespace ccsp::rt
