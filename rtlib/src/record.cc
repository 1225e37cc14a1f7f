// Out-of-line recording paths. Invariants: only the owning thread writes a task's chunk
// (the watchdog writes into a blocked task's stream only when every task is blocked); each
// record is published with a release store of `used`; seq values grow along a stream.
#include "record.h"

#include <pthread.h>
#include <string.h>

#include "init.h"
#include "options.h"
#include "task_registry.h"
#include "trace_file.h"
#include "watchdog.h"

namespace ccsp::rt {

__thread TaskState g_task __attribute__((tls_model("initial-exec"))) = {};
constinit std::atomic<uint64_t> g_seq{0};

uint64_t NowTs() {
  uint64_t now = MonoNs(), start = tracefile::StartMono();
  return now > start ? now - start : 0;
}

bool EnsureTaskSlow(TaskState& t) {
  if (t.phase == Phase::kEnded) return false;
  if (!EnsureInit()) return false;
  if (t.phase == Phase::kActive) return true;
  // A thread the runtime did not create (or one that ran before the runtime started).
  TaskRecord* r = registry::NewTask(0, 0);
  StartTask(t, r, 0);
  return t.phase == Phase::kActive;
}

bool SwitchChunk(TaskState& t) {
  if (t.suppress & kSuppressStopped) return false;
  trace::ChunkHeader* old = t.chunk;
  trace::ChunkHeader* c = tracefile::AllocChunk(t.id, old ? t.chunk_index + 1 : 0, old);
  if (!c) {
    t.suppress |= kSuppressStopped;
    __atomic_store_n(&t.limit, nullptr, __ATOMIC_RELAXED);
    return false;
  }
  t.chunk = c;
  t.chunk_index = c->index;
  t.payload = reinterpret_cast<uint8_t*>(c + 1);
  t.pos = t.payload;
  __atomic_store_n(&t.limit, t.payload + trace::kChunkPayload - trace::kMaxStreamRecord, __ATOMIC_RELAXED);
  if (old) tracefile::ReleaseChunk(old);
  return true;
}

bool EmitFrames(TaskState& t) {
  while (t.emitted < t.depth) {
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

void WriteSync(TaskState& t, SyncKind k, uint64_t seq, uint64_t ts, uint64_t obj, uint64_t a1, uint64_t a2,
               uint32_t site) {
  if (!EmitFrames(t) || !Reserve(t)) return;
  if (ts < t.ss.ts) ts = t.ss.ts;
  CCSP_DCHECK(seq > t.ss.seq);
  t.pos = trace::EncodeSync(t.pos, t.ss, k, seq, ts, obj, a1, a2, site);
  Publish(t);
}

void RecordSync(TaskState& t, SyncKind k, const void* obj, uint64_t a1, uint64_t a2, uint32_t site) {
  uint64_t seq = NextSeq();
  WriteSync(t, k, seq, NowTs(), reinterpret_cast<uint64_t>(obj), a1, a2, site);
  BumpEpoch(t);
}

void RecordSyncSeq(TaskState& t, SyncKind k, uint64_t seq, const void* obj, uint64_t a1, uint64_t a2,
                   uint32_t site) {
  WriteSync(t, k, seq, NowTs(), reinterpret_cast<uint64_t>(obj), a1, a2, site);
  BumpEpoch(t);
}

void NoteBlock(TaskState& t, uint32_t op, uint64_t obj, bool timed, uint32_t site) {
  TaskRecord* r = t.record;
  if (!r) return;
  r->block_obj.store(obj, std::memory_order_relaxed);
  r->block_timed.store(timed, std::memory_order_relaxed);
  r->block_site.store(site, std::memory_order_relaxed);
  r->block_op.store(op, std::memory_order_release);
  r->block_gen.fetch_add(1, std::memory_order_release);
  if (op && !timed) watchdog::MaybeStart();
}

void BlockBegin(TaskState& t, BlockOp op, const void* obj, bool timed, uint32_t site) {
  RecordSync(t, SyncKind::kBlockBegin, obj, static_cast<uint32_t>(op), timed, site);
  NoteBlock(t, static_cast<uint32_t>(op), reinterpret_cast<uint64_t>(obj), timed, site);
}

void BlockEnd(TaskState& t, BlockOp op, const void* obj, BlockOutcome outcome) {
  NoteBlock(t, 0, 0, false, 0);
  RecordSync(t, SyncKind::kBlockEnd, obj, static_cast<uint32_t>(op), static_cast<uint32_t>(outcome), 0);
}

// Allocation records reuse the previous timestamp (delta 0): the clock is read for sync and
// blocking events, not for every malloc.
void RecordAlloc(TaskState& t, const void* p, uint64_t size, AllocKind kind, uint32_t site) {
  uint64_t seq = NextSeq();
  WriteSync(t, SyncKind::kAlloc, seq, t.ss.ts, reinterpret_cast<uint64_t>(p), size, static_cast<uint32_t>(kind),
            site);
}

// A free ends the block's life: the filter must not hide this task's accesses to whatever is
// allocated at the same address next, so it starts a new epoch.
void RecordFree(TaskState& t, const void* p, AllocKind kind, uint32_t site) {
  uint64_t seq = NextSeq();
  WriteSync(t, SyncKind::kFree, seq, t.ss.ts, reinterpret_cast<uint64_t>(p), 0, static_cast<uint32_t>(kind), site);
  BumpEpoch(t);
}

static void ResetStream(TaskState& t) {
  t.ss = trace::StreamState{};
  t.chunk = nullptr;
  t.payload = t.pos = nullptr;
  __atomic_store_n(&t.limit, nullptr, __ATOMIC_RELAXED);
  t.chunk_index = 0;
  t.emitted = 0;
  t.store_mask = g_options.filter ? ~uint64_t{0} : 0;
  memset(t.filter, 0, sizeof t.filter);
  BumpEpoch(t);
}

void StartTask(TaskState& t, TaskRecord* r, uint32_t parent) {
  t.id = r->id;
  t.record = r;
  t.phase = Phase::kActive;
  t.suppress &= ~kSuppressStopped;
  ResetStream(t);
  r->tls.store(&t, std::memory_order_release);
  if (!SwitchChunk(t)) return;
  WriteSync(t, SyncKind::kTaskStart, NextSeq(), NowTs(), 0, parent, 0, 0);
  pthread_setspecific(g_task_key, r);
}

void EndTask(TaskState& t) {
  if (t.phase != Phase::kActive) return;
  if (!(t.suppress & kSuppressStopped)) WriteSync(t, SyncKind::kTaskEnd, NextSeq(), NowTs(), 0, 0, 0, 0);
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
  ResetStream(t);
  if (!SwitchChunk(t)) return;
  WriteSync(t, SyncKind::kTaskStart, NextSeq(), NowTs(), 0, 0, 0, 0);
}

}  // namespace ccsp::rt
