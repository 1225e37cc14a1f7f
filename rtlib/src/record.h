// Recording core: the global sequence counter, the trace clock, chunk switching, lazy
// FuncEnter emission, sync/blocking/allocation records and task start/end. The inline
// helpers are the only code on hot paths; everything else is out of line.
#pragma once

#include <atomic>

#include "trace/codec.h"
#include "common.h"
#include "task_state.h"

namespace ccsp::rt {

namespace trace = ::ccsp::trace;
using trace::AllocKind;
using trace::BlockOp;
using trace::BlockOutcome;
using trace::SyncKind;

alignas(128) extern std::atomic<uint64_t> g_seq;

// Seq numbers are Lamport stamps (trace/format.h): every object's operations take increasing
// numbers from the object's counter, and every number a task takes is above the task's
// previous one. Sync objects share one process-wide counter, g_seq; atomics use a counter per
// address stripe (atomics.cc), so an atomic touches no line that every task writes. Relaxed is
// enough: RMWs on one location are totally ordered consistently with happens-before, so a
// release's seq is below the matching acquire's.
uint64_t CatchUpSeq(TaskState& t);  // g_seq is at or below t.last_seq: raise it, take one above
CCSP_ALWAYS_INLINE uint64_t NextSeq(TaskState& t) {
  uint64_t s = g_seq.fetch_add(1, std::memory_order_relaxed) + 1;
  if (CCSP_UNLIKELY(s <= t.last_seq)) s = CatchUpSeq(t);
  t.last_seq = s;
  return s;
}

uint64_t NowTs();  // ns since FileHeader::start_mono_ns
void ResetClockInChild();  // a fork child's trace starts its own clock

bool EnsureTaskSlow(TaskState& t);
// True when the calling thread is an active task (initializing the runtime or adopting an
// unknown thread on first use). Says nothing about ignore regions.
CCSP_ALWAYS_INLINE bool EnsureTask(TaskState& t) {
  return CCSP_LIKELY(t.phase == Phase::kActive) || EnsureTaskSlow(t);
}
// True when an interceptor should record: an active task outside ignore regions and the
// runtime's own calls.
CCSP_ALWAYS_INLINE bool Recording(TaskState& t) { return EnsureTask(t) && t.suppress == 0; }

// Room for one more record (kMaxStreamRecord bytes) at t.pos, or false when the task cannot
// record. A cleared `limit` (the exit path, a CPU sample waiting: cpu_profiler.h) comes here.
bool SwitchChunk(TaskState& t);
CCSP_ALWAYS_INLINE bool Reserve(TaskState& t) { return t.pos < Limit(t) || SwitchChunk(t); }
// The part of SwitchChunk that moves the stream on to its next chunk.
bool NextChunk(TaskState& t);
// The limit of the current chunk (the value `limit` has while nothing cleared it).
CCSP_ALWAYS_INLINE uint8_t* ChunkLimit(const TaskState& t) {
  return t.payload + trace::kChunkPayload - trace::kMaxStreamRecord;
}

// Writes FuncEnter for the frames not yet in the trace; false if the task cannot record.
bool EmitFramesSlow(TaskState& t);
CCSP_ALWAYS_INLINE bool EmitFrames(TaskState& t) { return t.emitted >= t.depth || EmitFramesSlow(t); }
// A new sync epoch: the access filter forgets everything.
void BumpEpoch(TaskState& t);

// Raw record with a given seq/ts; no epoch change.
void WriteSync(TaskState& t, SyncKind k, uint64_t seq, uint64_t ts, uint64_t obj, uint64_t a1, uint64_t a2,
               uint32_t site);
// A sync record taking its seq and timestamp now; starts a new filter epoch.
void RecordSync(TaskState& t, SyncKind k, const void* obj, uint64_t a1, uint64_t a2, uint32_t site);
void RecordSyncSeq(TaskState& t, SyncKind k, uint64_t seq, const void* obj, uint64_t a1, uint64_t a2,
                   uint32_t site);

// An acquisition whose timestamp was read before the real lock (`ts`, see TakeLockTs): the
// seq is taken now, after it. Keeps the clock read out of the program's critical section;
// when the lock had to wait, the record gets the time of the wait's end (BlockEnd).
void RecordAcquire(TaskState& t, SyncKind k, uint64_t ts, const void* obj, uint64_t a1, uint32_t site);
CCSP_ALWAYS_INLINE uint64_t TakeLockTs() { return NowTs(); }

// A release whose record is written after the real operation: the seq is taken at the
// release point (before the real unlock); the timestamp and the encoding come after it,
// outside the program's critical section.
struct PendingRelease {
  uint64_t seq = 0;
};
CCSP_ALWAYS_INLINE PendingRelease TakeRelease(TaskState& t) { return PendingRelease{NextSeq(t)}; }
void FinishRelease(TaskState& t, const PendingRelease& r, SyncKind k, const void* obj, uint32_t site);

// Watchdog-visible blocking state, updated with every BlockBegin/BlockEnd record.
// `wakeable`: something the runtime cannot see may end the wait (a timeout, another process
// on a process-shared object); the watchdog then never counts the task as asleep.
void NoteBlock(TaskState& t, uint32_t op, uint64_t obj, bool wakeable, uint32_t site);
void BlockBegin(TaskState& t, BlockOp op, const void* obj, bool timed, uint32_t site, bool shared = false);
void BlockEnd(TaskState& t, BlockOp op, const void* obj, BlockOutcome outcome);
inline BlockOutcome OutcomeOf(int rc) {
  return rc == 0 ? BlockOutcome::kOk : rc == 110 /*ETIMEDOUT*/ ? BlockOutcome::kTimedOut : BlockOutcome::kError;
}

void RecordAlloc(TaskState& t, const void* p, uint64_t size, AllocKind kind, uint32_t site);
void RecordFree(TaskState& t, const void* p, AllocKind kind, uint32_t site);

// Task lifecycle. StartTask makes `t` the running task of `r` and writes TaskStart (the
// stream's first record); EndTask writes TaskEnd and retires the task.
void StartTask(TaskState& t, TaskRecord* r, uint32_t parent);
void EndTask(TaskState& t);
// Fork child: the forking task begins a new stream in the child's file.
void RestartTaskInChild(TaskState& t);

}  // namespace ccsp::rt
