// The happens-before engine: one streaming replay of a trace that every analysis plugs into.
// It merges the task streams by sequence number (any order consistent with seq is a linear
// extension of happens-before, so no verdict depends on how the run was timed), keeps every
// task's vector clock, shadow call stack, held locks and block state, the state of every
// synchronization object and the live allocations, and hands each event to the registered
// consumers (consumer.h). Consumers read the engine through the const queries below; its
// internals are its own (engine.cc, hb_rules.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/base/diagnostics.h"
#include "analyzer/base/ids.h"
#include "analyzer/hb/consumer.h"
#include "analyzer/hb/heap_blocks.h"
#include "analyzer/hb/stack_trie.h"
#include "analyzer/hb/sync_objects.h"
#include "analyzer/hb/task.h"
#include "analyzer/reading/metadata.h"
#include "analyzer/reading/trace_file.h"

namespace ccsp::analyzer {

struct EngineOptions {
  // false: mutex and rwlock release->acquire edges are left out of happens-before (the
  // lock-order detector's second look; see detectors/lock_order.h).
  bool lock_edges = true;
  std::function<void(uint64_t done, uint64_t total)> progress;  // payload bytes
  // The value every task's clock starts at. Tests set it near kMaxClock to reach the clock
  // limit without replaying billions of events; real analyses leave it at 1.
  ClockValue first_clock = 1;
};

class Engine {
 public:
  static constexpr uint32_t kMaxDepth = 4096;  // deeper frames are counted, not interned

  Engine(TraceFile& file, const Metadata& meta, Diagnostics& diag, EngineOptions opts = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Consumers are called in the order they were added. Add them before Run.
  void Add(Consumer* c);
  // Replays the whole trace. Damage in the trace is a warning; the one error is a task whose
  // clock would overflow (the message names the task), which stops the replay early.
  void Run();
  bool failed() const;
  const std::string& error() const;

  // ---- read-only state, valid during and after Run ----
  const TraceFile& file() const;
  const Metadata& meta() const;
  Diagnostics& diag() const;
  const StackTrie& trie() const;
  const HeapBlocks& heap() const;
  size_t task_count() const;
  const Task& task(TaskIndex i) const;           // i < task_count()
  const Task* FindTask(TaskId id) const;         // nullptr when the trace has no such task
  const std::vector<TaskId>& task_ids() const;   // index -> id
  TaskId IdOf(TaskIndex i) const;                // TaskId::kNone when out of range
  const SyncObject* Object(ObjectId obj) const;  // nullptr when the engine keeps no state
  const Task* TaskOfThread(ObjectId thread) const;  // the task last created with this pthread_t
  uint64_t events() const;                       // records replayed (a Run counts once)
  bool saw_exit() const;                         // a ProcessExit record was replayed
  int64_t exit_status() const;
  bool saw_all_asleep() const;                   // the runtime's watchdog fired

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ccsp::analyzer
