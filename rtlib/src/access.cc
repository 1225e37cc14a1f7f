// The hot path: plain accesses, ranges and function entry/exit from instrumented code.
// Fast path = TLS load, run extension or filter probe, varint encode, release store of
// `used`; no locks, no calls. A miss on chunk room, pending lazy frames or an inactive task
// goes out of line.
#include <string.h>

#include "ccsp/abi.h"
#include "record.h"

namespace ccsp::rt {
namespace {

// Filter key: address in the high bits, the task's epoch tag, write bit, size class.
// A read hits on a same-epoch read or write key of the same address and size; a write only
// on a write key. 47-bit user addresses survive the shift.
CCSP_ALWAYS_INLINE uint64_t* FilterSlot(TaskState& t, uint64_t a) {
  return &t.filter[(a * 0x9E3779B97F4A7C15ull) >> (64 - kFilterBits)];
}

CCSP_ALWAYS_INLINE uint64_t RunKey(bool write, unsigned sc, uint32_t site) {
  return uint64_t{site} << 8 | trace::AccessOp(write, sc);
}

// Writes the record of an access that passed the filter (room and frames are the caller's):
// a Run record when the access continues a candidate of its site's slot that already has
// kRunAfter contiguous Access records (pairs, e.g. the two halves of a struct copy, are
// cheaper as two Access records than as an Access and a Run), else an Access record that
// starts or extends the candidate. With runs=0 no candidate is ever kept.
constexpr uint32_t kRunAfter = 2;

CCSP_ALWAYS_INLINE void EmitAccess(TaskState& t, bool write, unsigned sc, uint64_t a, uint32_t site) {
  unsigned i = site & (kRunSlots - 1);
  RunSlot& r = t.runs[i];
  uint64_t key = RunKey(write, sc, site);
  bool continues = r.next == a && r.key == (key | kRunCandidate);
  if (continues && r.count >= kRunAfter) {
    t.pos = trace::EncodeRun(t.pos, t.ss, write, sc, a, 1, site, &r.count_at);
    r.count = 1;
    r.key = key;
    t.open_runs |= static_cast<uint16_t>(1u << i);
  } else {
    t.pos = trace::EncodeAccess(t.pos, t.ss, write, sc, a, site);
    r.count = continues ? r.count + 1 : 1;
    r.key = (key | kRunCandidate) & (0 - uint64_t{t.runs_on});  // may end an open run: fine
  }
  r.next = a + (1u << sc);
  Publish(t);
}

// The record path, out of line so that the run and filter checks need no stack frame.
template <bool kWrite, unsigned kSc>
CCSP_NOINLINE void RecordAccess(TaskState& t, uint64_t a, uint32_t site) {
  EmitAccess(t, kWrite, kSc, a, site);
}

CCSP_NOINLINE void AccessSlow(bool write, unsigned sc, uint64_t a, uint32_t site) {
  TaskState& t = Cur();
  if (!EnsureTask(t) || t.suppress) return;
  if (!EmitFrames(t) || !Reserve(t)) return;
  EmitAccess(t, write, sc, a, site);
}

// Order of the checks: a run extension first (a streaming loop then never touches the
// filter), then the filter (repeats of one address), then a new record.
template <bool kWrite, unsigned kSc>
CCSP_ALWAYS_INLINE void Access(const void* p, uint32_t site) {
  TaskState& t = Cur();
  if (CCSP_UNLIKELY(t.suppress)) return;
  uint64_t a = reinterpret_cast<uint64_t>(p);
  RunSlot& run = t.runs[site & (kRunSlots - 1)];
  // The element right after an open run of this site and kind, under the same stack (no
  // pending frame), while the task may still write (a cleared limit stops every task).
  if (run.next == a && run.key == RunKey(kWrite, kSc, site) && t.emitted == t.depth && Limit(t)) {
    uint32_t n = ++run.count;
    memcpy(run.count_at, &n, sizeof n);  // the record is already published: crash-safe
    run.next = a + (1u << kSc);
    if (CCSP_UNLIKELY(n == trace::kMaxRunCount)) run.key = 0;  // full: the next access starts anew
    return;
  }
  uint64_t key = (a << 16) | t.epoch_tag | (kWrite ? 8u : 0u) | kSc;
  uint64_t* slot = FilterSlot(t, a);
  uint64_t old = *slot;
  if (kWrite ? old == key : (old | 8) == (key | 8)) return;
  *slot = key & t.store_mask;
  if (CCSP_UNLIKELY(t.pos >= Limit(t) || t.emitted != t.depth)) return AccessSlow(kWrite, kSc, a, site);
  RecordAccess<kWrite, kSc>(t, a, site);
}

CCSP_NOINLINE void RangeSlow(bool write, const void* p, uint64_t size, uint32_t site) {
  TaskState& t = Cur();
  if (!EnsureTask(t) || t.suppress) return;
  if (!EmitFrames(t) || !Reserve(t)) return;
  t.pos = trace::EncodeRange(t.pos, t.ss, write, reinterpret_cast<uint64_t>(p), size, site);
  Publish(t);
}

template <bool kWrite>
CCSP_ALWAYS_INLINE void Range(const void* p, uint64_t size, uint32_t site) {
  switch (size) {
    case 0: return;
    case 1: return Access<kWrite, 0>(p, site);
    case 2: return Access<kWrite, 1>(p, site);
    case 4: return Access<kWrite, 2>(p, site);
    case 8: return Access<kWrite, 3>(p, site);
    case 16: return Access<kWrite, 4>(p, site);
    default: break;
  }
  if (CCSP_UNLIKELY(Cur().suppress)) return;
  RangeSlow(kWrite, p, size, site);
}

CCSP_NOINLINE void FuncExitSlow(TaskState& t) {
  t.emitted = t.depth;
  CloseRuns(t);
  if ((t.suppress & kSuppressStopped) || !t.chunk || !Reserve(t)) return;
  t.pos = trace::EncodeFuncExit(t.pos);
  Publish(t);
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

extern "C" {
__thread uint32_t __ccsp_callsite __attribute__((tls_model("initial-exec"), visibility("default")));
}

CCSP_EXPORT void __ccsp_read1(const void* p, uint32_t s) { Access<false, 0>(p, s); }
CCSP_EXPORT void __ccsp_read2(const void* p, uint32_t s) { Access<false, 1>(p, s); }
CCSP_EXPORT void __ccsp_read4(const void* p, uint32_t s) { Access<false, 2>(p, s); }
CCSP_EXPORT void __ccsp_read8(const void* p, uint32_t s) { Access<false, 3>(p, s); }
CCSP_EXPORT void __ccsp_read16(const void* p, uint32_t s) { Access<false, 4>(p, s); }
CCSP_EXPORT void __ccsp_write1(const void* p, uint32_t s) { Access<true, 0>(p, s); }
CCSP_EXPORT void __ccsp_write2(const void* p, uint32_t s) { Access<true, 1>(p, s); }
CCSP_EXPORT void __ccsp_write4(const void* p, uint32_t s) { Access<true, 2>(p, s); }
CCSP_EXPORT void __ccsp_write8(const void* p, uint32_t s) { Access<true, 3>(p, s); }
CCSP_EXPORT void __ccsp_write16(const void* p, uint32_t s) { Access<true, 4>(p, s); }
CCSP_EXPORT void __ccsp_read_range(const void* p, uint64_t n, uint32_t s) { Range<false>(p, n, s); }
CCSP_EXPORT void __ccsp_write_range(const void* p, uint64_t n, uint32_t s) { Range<true>(p, n, s); }

// Entry pushes (call site, function) and consumes __ccsp_callsite; nothing is written until
// an event needs the frame (EmitFrames). Exit writes FuncExit only for an emitted frame.
// The frame is stored before the depth grows (a compiler-only fence, no instruction): a CPU
// sample's handler (cpu_profiler.cc) that interrupts this never sees a stale frame.
CCSP_EXPORT void __ccsp_func_entry(uint32_t fn) {
  TaskState& t = Cur();
  uint32_t d = t.depth;
  if (CCSP_LIKELY(d < kMaxFrames)) t.frames[d] = Frame{__ccsp_callsite, fn};
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  t.depth = d + 1;
  __ccsp_callsite = 0;
}

CCSP_EXPORT void __ccsp_func_exit() {
  TaskState& t = Cur();
  if (CCSP_UNLIKELY(t.depth == 0)) return;
  uint32_t d = --t.depth;
  if (CCSP_UNLIKELY(d < t.emitted)) FuncExitSlow(t);
}
