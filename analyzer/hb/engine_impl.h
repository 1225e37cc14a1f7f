// The engine's private state, shared by its two source files (engine.cc: the replay loop,
// plain records, atomics, allocations; hb_rules.cc: the synchronization rules). Not for
// consumers: they see engine.h and consumer.h only.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/hb/engine.h"
#include "analyzer/hb/seq_queue.h"
#include "analyzer/reading/stream_cursor.h"

namespace ccsp::analyzer {

// A task with the engine's bookkeeping around it.
struct TaskSlot {
  Task t;
  bool clock_set = false;
  uint32_t excess_depth = 0;  // frames entered beyond Engine::kMaxDepth (not interned)
  bool unclaimed = false;     // joined or detached: once ended, nothing acquires its clock
  bool at_start = false;      // right after TaskStart: kMmap allocs are its stack / TLS
  std::unique_ptr<VectorClock> start_clock;      // the creator's clock, until TaskStart
  std::unique_ptr<VectorClock> fence_release;    // clock at the last release fence
  std::unique_ptr<VectorClock> acquire_pending;  // what relaxed loads read (acquire fences)
  uint64_t barrier_obj = 0, barrier_gen = 0;
  bool sample_open = false;  // SampleFrames seen, their Sample not yet: its stack so far
  StackId sample_stack = kEmptyStack;
  // Stream. Records decoded ahead (Advance: two halves of kBatch), while the cursor lives;
  // `pending`, the next seq-carrying record, is one of them.
  std::unique_ptr<StreamCursor> cursor;
  std::vector<trace::Record> batch;
  const trace::Record* pending = nullptr;
};

struct Engine::Impl {
  static constexpr unsigned kBatch = 16;  // plain records per batch (see Advance)

  Impl(TraceFile& f, const Metadata& m, Diagnostics& d, EngineOptions o)
      : file(f), meta(m), diag(d), opts(std::move(o)) {}

  // engine.cc
  TaskSlot& SlotFor(uint32_t id);
  TaskSlot* FindSlot(uint32_t id);
  void Run(const Engine& self);
  bool Advance(TaskSlot& s);
  bool Finish(TaskSlot& s);  // the stream ended: frees its cursor and buffer; false
  static bool ContinuesBatch(uint8_t op) {
    return trace::IsAccessOp(op) || trace::IsRunOp(op) || op == trace::kOpFuncEnter ||
           op == trace::kOpFuncExit;
  }
  void Announce(TaskSlot& s, const trace::Record* rs, unsigned n, int half, bool prefetch);
  void Deliver(TaskSlot& s, const trace::Record* rs, unsigned n, int half);
  void ApplyAtomic(TaskSlot& s, const trace::Record& r);
  void OnAlloc(TaskSlot& s, const trace::Record& r);
  const HeapBlock* OnFree(const trace::Record& r);
  void Activate(TaskSlot& s) const {
    if (s.clock_set) return;
    s.clock_set = true;
    s.t.clock.Set(s.t.index, opts.first_clock);
  }
  // A finished task's clock is dropped once nothing can acquire it (joined or detached), so
  // memory follows the live tasks, not every task the program ever started.
  static void DropFinishedClock(TaskSlot& s) { s.t.clock = VectorClock(); }
  static void Unclaim(TaskSlot& child, const TaskSlot& by) {
    child.unclaimed = true;
    if (child.t.ended && &child != &by) DropFinishedClock(child);
  }
  void Tick(TaskSlot& s) {
    if (__builtin_expect(!s.t.clock.Tick(s.t.index), 0)) ClockLimit(s);
  }
  void ClockLimit(const TaskSlot& s);
  void ReportProgress();
  // hb_rules.cc: applies one Sync record; fills ctx; returns false when the task's clock
  // must not tick (its end: the final clock stays for joiners).
  bool ApplySync(TaskSlot& s, const trace::Record& r, SyncContext& ctx);
  void ApplyChannel(TaskSlot& s, const trace::Record& r, SyncObject& o);
  void Acquired(TaskSlot& s, const trace::Record& r, bool read);
  void Released(TaskSlot& s, uint64_t lock);

  TraceFile& file;
  const Metadata& meta;
  Diagnostics& diag;
  EngineOptions opts;
  StackTrie trie;
  std::vector<std::unique_ptr<TaskSlot>> tasks;  // by index
  std::vector<TaskId> ids;
  std::unordered_map<uint32_t, TaskIndex> index_of;
  SyncObjects objects;
  std::unordered_map<uint64_t, TaskIndex> threads;  // pthread_t (TaskCreate obj) -> task
  HeapBlocks heap;
  HeapBlock freed;  // the block the current kFree ended
  SeqQueue queue;
  std::vector<Consumer*> consumers, plain, atomics, samples;
  // Sync consumers by SyncKind (kinds >= kSyncKinds share the last list): most consumers
  // want a few kinds, and a call per event per consumer would be most of a sync's cost.
  static constexpr uint32_t kSyncKinds = 256;
  std::vector<Consumer*> syncs[kSyncKinds];
  StackId stacks[2][kBatch];  // per half of a task's decode buffer (Advance)
  uint64_t events = 0;
  uint64_t next_progress = 0;
  uint64_t finished_bytes = 0;
  bool saw_exit = false;
  int64_t exit_status = 0;
  bool all_asleep = false;
  bool warned_kind = false;
  bool failed = false;
  std::string error;
};

}  // namespace ccsp::analyzer
