// Per-task recording state: one cache-aligned struct in initial-exec TLS, reached by the
// access fast path with a single %fs-relative load. Only the owning thread writes it, except
// `limit`, which the exit path clears (relaxed) to push every live task into its slow path.
#pragma once

#include <atomic>

#include "trace/codec.h"
#include "common.h"

namespace ccsp::rt {

inline constexpr unsigned kFilterBits = 10;  // 1024 direct-mapped filter slots (8 KiB)
inline constexpr unsigned kMaxFrames = 512;  // shadow-stack frames kept; deeper ones count only
inline constexpr uint32_t kSuppressStopped = 1u << 30;  // the task records nothing more

inline constexpr unsigned kRunSlots = 8;     // open access runs per task, indexed by site

// An access run in the making (see kOpRun in trace/format.h). `key == 0`: the slot is free.
// A candidate (key has kRunCandidate) says that an Access record of this site and kind at
// next - size was just written; an open run has its Run record in the current chunk and
// `count_at` pointing at its count field.
struct RunSlot {
  uint64_t next;      // address the next element must have
  uint64_t key;       // site << 8 | AccessOp(write, size_class) [| kRunCandidate]
  uint8_t* count_at;  // open run: the record's 4-byte count field
  uint32_t count;     // open run: elements so far
  uint32_t pad;
};
static_assert(sizeof(RunSlot) == 32, "RunSlot is indexed by shift");
inline constexpr uint64_t kRunCandidate = 0x80;  // above every access opcode

struct Frame {
  uint32_t callsite;  // site of the call in the caller (0 = caller not instrumented)
  uint32_t fn;        // site of the function
};

enum class Phase : uint8_t { kNone = 0, kActive = 1, kEnded = 2 };

struct TaskRecord;

struct alignas(64) TaskState {
  // ---- hot: read by every access ----
  uint32_t suppress;   // ignore depth + re-entry depth + kSuppressStopped; nonzero drops events
  uint32_t depth;      // shadow-stack depth (may exceed kMaxFrames)
  uint32_t emitted;    // frames [0, emitted) have their FuncEnter in the trace
  uint16_t runs_on;    // 1: access runs (option runs=1), 0: every access is its own record
  uint16_t open_runs;  // bit i: runs[i] is an open run (its count field is in the chunk)
  uint64_t epoch_tag;  // (epoch & 0xfff) << 4, or'ed into filter keys
  uint64_t store_mask; // ~0 with the filter on, 0 with it off (no key is ever stored)
  uint8_t* pos;        // write position in the current chunk
  uint8_t* limit;      // pos >= limit: no room for kMaxStreamRecord (or nullptr: slow path)
  uint8_t* payload;    // start of the current chunk's payload
  trace::ChunkHeader* chunk;
  trace::StreamState ss;
  RunSlot runs[kRunSlots];  // by site & (kRunSlots - 1)
  // ---- warm ----
  uint32_t id;             // task id; 0 until the task is active
  uint32_t epoch;          // sync epoch (filter tag)
  uint32_t ignore_depth;   // __ccsp_ignore_begin nesting
  uint32_t held_stripe;    // atomic stripe lock held between atomic_begin/end (index + 1)
  uint32_t chunk_index;    // index the staging chunk holds now in this stream
  uint64_t last_copy;      // file offset of the stream's last copied-out chunk (0: none)
  uint64_t last_seq;       // the last seq this task took (Lamport: the next one is larger)
  int32_t tid;             // kernel thread id (glibc's mutex owner field uses it)
  Phase phase;
  uint8_t pending_alloc_kind;  // AllocKind + 1 for the next malloc/free (operator new/delete)
  uint8_t signal_depth;        // nested signal handlers running on this thread
  uint8_t once_ran;
  uint32_t pending_site;       // call site of that operator new/delete
  TaskRecord* record;          // registry entry (watchdog-visible state)
  void (*once_fn)();           // pthread_once trampoline argument
  const void* once_obj;
  uint64_t filter[1u << kFilterBits];
  Frame frames[kMaxFrames];
};

// Watchdog-visible state of a task. Written by the owner with relaxed atomics, read by the
// watchdog under the registry lock. Lives on the runtime heap from TaskCreate (in the parent,
// so a created-but-not-started child counts as running) to the task's end.
struct TaskRecord {
  uint32_t id = 0;
  uint32_t parent = 0;
  uint32_t create_site = 0;
  std::atomic<int32_t> tid{0};            // kernel thread id, set when the task starts
  std::atomic<uint32_t> block_op{0};     // BlockOp, 0 = running
  std::atomic<uint32_t> block_timed{0};
  std::atomic<uint64_t> block_obj{0};
  std::atomic<uint32_t> block_site{0};
  std::atomic<uint64_t> block_gen{0};    // bumped on every BlockBegin/BlockEnd
  std::atomic<TaskState*> tls{nullptr};  // valid while the task is registered and started
  std::atomic<bool> internal{false};     // the runtime's own (kTaskInternal): not a user task
  TaskRecord* prev = nullptr;
  TaskRecord* next = nullptr;
};

}  // namespace ccsp::rt

extern "C" {
extern __thread uint32_t __ccsp_callsite __attribute__((tls_model("initial-exec")));
}

namespace ccsp::rt {

extern __thread TaskState g_task __attribute__((tls_model("initial-exec")));

CCSP_ALWAYS_INLINE TaskState& Cur() { return g_task; }

// Reads and resets the call site stored by instrumented code before the current call.
CCSP_ALWAYS_INLINE uint32_t TakeCallsite() {
  uint32_t s = __ccsp_callsite;
  __ccsp_callsite = 0;
  return s;
}

CCSP_ALWAYS_INLINE void Publish(TaskState& t) {
  __atomic_store_n(&t.chunk->used, static_cast<uint32_t>(t.pos - t.payload), __ATOMIC_RELEASE);
}

CCSP_ALWAYS_INLINE uint8_t* Limit(TaskState& t) { return __atomic_load_n(&t.limit, __ATOMIC_RELAXED); }

// Ends every open run. Called before any record other than an access is written, and when
// the chunk changes: a run's elements must stay in the epoch and under the stack of its
// record, and its count field in the chunk being written. Candidates may stay: the Run
// record a candidate leads to is written after whatever came between, and stands only for
// the accesses after it.
CCSP_ALWAYS_INLINE void CloseRuns(TaskState& t) {
  if (CCSP_LIKELY(t.open_runs == 0)) return;
  for (unsigned i = 0; i < kRunSlots; ++i)
    if (t.open_runs & (1u << i)) t.runs[i].key = 0;
  t.open_runs = 0;
}

// Re-entry guard: the runtime calling a function it intercepts records nothing.
class ScopedRuntime {
 public:
  ScopedRuntime() : t_(Cur()) { ++t_.suppress; }
  ~ScopedRuntime() { --t_.suppress; }
  ScopedRuntime(const ScopedRuntime&) = delete;
  ScopedRuntime& operator=(const ScopedRuntime&) = delete;

 private:
  TaskState& t_;
};

}  // namespace ccsp::rt
