// CPU sampling: per-thread CPU-time timers (timer_create(CLOCK_THREAD_CPUTIME_ID) with
// SIGEV_THREAD_ID, as Go's runtime does on Linux) and an async-signal-safe SIGPROF handler that
// only writes this thread's own notes (TLS) and one word of its TaskState. Why the handler does
// not write the Sample itself: the interrupted code may be in the middle of a record (its opcode
// already stored, t.pos not yet advanced); any bytes the handler put at t.pos would be spliced
// into that record. Deferring to the task's next record costs nothing on the hot path: clearing
// `limit` sends that record through SwitchChunk, which writes the Sample first.
#include "cpu_profiler.h"

#include <errno.h>
#include <signal.h>
#include <time.h>

#include "interceptor.h"
#include "options.h"
#include "record.h"
#include "trace_file.h"

namespace ccsp::rt::cpuprof {
namespace {

CCSP_REAL_DEF(sigaction);

constexpr int kMagic = 0x63707570;  // "cpup" in sigev_value: SIGPROF from our own timers
constexpr unsigned kNotes = 4;      // distinct stacks noted between two records of a task

// The task's shadow stack when a sample was taken. All notes taken between two records share
// the frames the stream has entered ([0, emitted)); they differ in the frames above those.
struct Note {
  uint32_t count;    // timer expirations
  uint32_t depth;    // shadow-stack depth (at most kMaxFrames)
  uint32_t emitted;  // frames the stream had entered
  uint32_t first;    // shadow-stack index of frames[0]
  uint32_t n;        // frames kept
  bool cut;          // frames [emitted, first) were left out
  uint64_t ts;
  Frame frames[trace::kMaxSampleFrames];
};

struct ProfState {
  timer_t timer;
  bool armed;              // this thread's timer runs
  volatile uint8_t writing;  // WritePending is running: the handler only counts (`late`)
  volatile uint32_t pending;  // notes [0, pending) wait to be written
  volatile uint32_t late;     // expirations while writing
  Note notes[kNotes];
};

__thread ProfState g_prof __attribute__((tls_model("initial-exec")));
uint64_t g_period_ns = 0;  // 0: sampling is off

inline void CompilerBarrier() { __atomic_signal_fence(__ATOMIC_SEQ_CST); }

void TakeNote(const TaskState& t, Note& n, uint32_t count, uint64_t ts) {
  uint32_t depth = t.depth < kMaxFrames ? t.depth : kMaxFrames;
  uint32_t emitted = t.emitted < depth ? t.emitted : depth;
  uint32_t first = emitted;
  n.cut = depth - emitted > trace::kMaxSampleFrames;
  if (n.cut) first = depth - (trace::kMaxSampleFrames - 1);  // the marker takes one record
  n.count = count;
  n.depth = depth;
  n.emitted = emitted;
  n.first = first;
  n.n = depth - first;
  n.ts = ts;
  for (uint32_t i = 0; i < n.n; ++i) n.frames[i] = t.frames[first + i];
}

bool SameStack(const TaskState& t, const Note& n) {
  uint32_t depth = t.depth < kMaxFrames ? t.depth : kMaxFrames;
  if (depth != n.depth || t.emitted != n.emitted || depth - n.first != n.n) return false;
  for (uint32_t i = 0; i < n.n; ++i) {
    const Frame& f = t.frames[n.first + i];
    if (f.callsite != n.frames[i].callsite || f.fn != n.frames[i].fn) return false;
  }
  return true;
}

// Async-signal-safe: TLS only, no locks, no libc call but the vDSO clock, errno preserved.
void OnSigprof(int, siginfo_t* si, void*) {
  if (si->si_code != SI_TIMER || si->si_value.sival_int != kMagic) return;
  ProfState& p = g_prof;
  TaskState& t = Cur();
  if (!p.armed || t.phase != Phase::kActive) return;
  int saved_errno = errno;
  uint32_t count = 1 + (si->si_overrun > 0 ? static_cast<uint32_t>(si->si_overrun) : 0);
  if (p.writing) {
    p.late = p.late + count;
  } else {
    uint64_t ts = NowTs();
    uint32_t k = p.pending;
    if (k > 0 && SameStack(t, p.notes[k - 1])) {
      p.notes[k - 1].count += count;
      p.notes[k - 1].ts = ts;
    } else if (k < kNotes) {
      TakeNote(t, p.notes[k], count, ts);
      CompilerBarrier();
      p.pending = k + 1;
    } else {  // more distinct stacks than notes before one record: the latest keeps the count
      p.notes[k - 1].count += count;
      p.notes[k - 1].ts = ts;
    }
    __atomic_store_n(&t.limit, nullptr, __ATOMIC_RELAXED);  // the next record writes it
  }
  errno = saved_errno;
}

bool Room(TaskState& t) { return t.pos < Limit(t) || NextChunk(t); }

// The frames the stream has not entered, then the Sample. `entered`: frames the stream has
// entered now (one more than when noted if the handler came in the middle of a FuncEnter).
bool WriteNote(TaskState& t, const Note& n, uint32_t entered) {
  uint32_t from = entered > n.emitted ? entered : n.emitted;
  if (n.cut) {
    if (!Room(t)) return false;
    t.pos = trace::EncodeSampleFrame(t.pos, 0, 0);
    Publish(t);
  }
  for (uint32_t i = 0; i < n.n; ++i) {
    if (n.first + i < from) continue;
    if (!Room(t)) return false;
    t.pos = trace::EncodeSampleFrame(t.pos, n.frames[i].callsite, n.frames[i].fn);
    Publish(t);
  }
  if (!Room(t)) return false;
  t.pos = trace::EncodeSample(t.pos, n.count, n.count * g_period_ns, n.ts);
  Publish(t);
  return true;
}

}  // namespace

void Init() {
  uint32_t hz = g_options.cpu_profile_hz;
  if (hz == 0) return;
  struct sigaction act = {};
  act.sa_sigaction = OnSigprof;
  act.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigemptyset(&act.sa_mask);
  if (REAL(sigaction)(SIGPROF, &act, nullptr) != 0) {
    WriteStderr("ccsp: warning: cannot install the SIGPROF handler; CPU sampling is off\n");
    return;
  }
  g_period_ns = 1000000000u / hz;
}

void StartTask(TaskState& t) {
  ProfState& p = g_prof;
  if (!g_period_ns || p.armed) return;
  struct sigevent ev = {};
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGPROF;
  ev.sigev_value.sival_int = kMagic;
#ifdef sigev_notify_thread_id
  ev.sigev_notify_thread_id = t.tid;
#else
  ev._sigev_un._tid = t.tid;
#endif
  ScopedRuntime rt;
  if (timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &p.timer) != 0) return;
  struct itimerspec its = {};
  its.it_interval.tv_nsec = static_cast<long>(g_period_ns % 1000000000u);
  its.it_interval.tv_sec = static_cast<time_t>(g_period_ns / 1000000000u);
  its.it_value = its.it_interval;
  p.pending = 0;
  p.late = 0;
  p.armed = true;
  if (timer_settime(p.timer, 0, &its, nullptr) != 0) {
    p.armed = false;
    timer_delete(p.timer);
  }
}

void EndTask(TaskState&) {
  ProfState& p = g_prof;
  if (!p.armed) return;
  p.armed = false;  // a SIGPROF still queued is ignored from here on
  CompilerBarrier();
  ScopedRuntime rt;
  timer_delete(p.timer);
}

void ResetInChild() {
  ProfState& p = g_prof;
  p.armed = false;
  p.writing = 0;
  p.pending = 0;
  p.late = 0;
}

bool Pending() { return g_prof.pending != 0 && !g_prof.writing; }

bool WritePending(TaskState& t) {
  ProfState& p = g_prof;
  p.writing = 1;
  CompilerBarrier();
  // The handler cleared the limit: put it back (NextChunk does when it moves on instead).
  __atomic_store_n(&t.limit, ChunkLimit(t), __ATOMIC_RELAXED);
  CloseRuns(t);
  bool ok = true;
  for (uint32_t i = 0; ok && i < p.pending; ++i) ok = WriteNote(t, p.notes[i], t.emitted);
  p.pending = 0;
  // Expirations while writing: charged to the stack the task has now (it is between records).
  uint32_t late = __atomic_exchange_n(&p.late, 0u, __ATOMIC_RELAXED);
  if (ok && late) {
    Note n;
    TakeNote(t, n, late, NowTs());
    ok = WriteNote(t, n, t.emitted);
  }
  CompilerBarrier();
  p.writing = 0;
  CompilerBarrier();
  if (!ok) return false;
  // A sample noted from here on cleared the limit again: the next record writes it.
  return t.pos < ChunkLimit(t) || NextChunk(t);
}

}  // namespace ccsp::rt::cpuprof
