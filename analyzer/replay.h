// The replay engine: merges the task streams by sequence number (a priority queue keyed by
// each task's next seq-carrying record; the records between two of them are applied with
// the task's current clock), keeps every task's vector clock and shadow call stack, applies
// the happens-before rules of DESIGN.md for each SyncKind, and feeds accesses to the race
// detector. Any order consistent with seq is a linear extension of happens-before, so the
// verdict does not depend on how the run was timed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "analyzer/diagnostics.h"
#include "analyzer/finding_set.h"
#include "analyzer/heap_blocks.h"
#include "analyzer/metadata.h"
#include "analyzer/seq_queue.h"
#include "analyzer/shadow_memory.h"
#include "analyzer/stack_trie.h"
#include "analyzer/stream_cursor.h"
#include "analyzer/symbolizer.h"
#include "analyzer/sync_objects.h"
#include "analyzer/trace_file.h"
#include "analyzer/vector_clock.h"
#include "ccsp/trace_codec.h"

namespace ccsp::analyzer {

class LockOrder;
class RaceDetector;

struct TaskState {
  uint32_t id = 0;
  TaskIndex index = 0;
  VectorClock clock;  // {index: 1} from the task's first event on (Replay::Activate)
  bool clock_set = false;
  StackId stack = kEmptyStack;
  uint32_t excess_depth = 0;  // frames entered beyond kMaxDepth (not interned)
  bool started = false, ended = false;
  bool unclaimed = false;  // joined or detached: once ended, nothing acquires its clock
  bool at_start = false;  // right after TaskStart: kMmap allocs are its stack / TLS
  // Creation.
  uint32_t parent = 0;
  bool has_creation = false;
  StackId create_stack = kEmptyStack;
  uint32_t create_site = 0;
  std::unique_ptr<VectorClock> start_clock;      // the creator's clock, until TaskStart
  std::unique_ptr<VectorClock> fence_release;    // clock at the last release fence
  std::unique_ptr<VectorClock> acquire_pending;  // what relaxed loads read (acquire fences)
  // Blocking (BlockBegin .. BlockEnd).
  bool blocked = false;
  bool block_timed = false;  // a timeout or another process may end the wait
  uint64_t block_seq = 0;
  uint32_t block_op = 0;
  uint64_t block_obj = 0;
  StackId block_stack = kEmptyStack;
  uint32_t block_site = 0;
  std::vector<std::pair<uint64_t, uint64_t>> select_cases;  // (chan, 1 = send)
  uint64_t barrier_obj = 0, barrier_gen = 0;
  uint64_t last_ts = 0;
  // Stream.
  std::unique_ptr<StreamCursor> cursor;
  // Records decoded ahead (Replay::Advance), while the cursor lives; `pending`, the next
  // seq-carrying record, is one of them. One record until the task has plain records.
  std::vector<trace::Record> batch;
  const trace::Record* pending = nullptr;
};

// Sees every record after it was applied (the task's clock is the one after the event).
class ReplayObserver {
 public:
  virtual ~ReplayObserver() = default;
  virtual void OnEvent(const TaskState& task, const trace::Record& r) = 0;
};

struct ReplayOptions {
  bool detect_races = true;
  bool detect_leaks = true;
  // false: mutex and rwlock release->acquire edges are left out of happens-before (the
  // lock-order detector's second replay; see lock_order.h).
  bool lock_edges = true;
  uint64_t max_range_bytes = uint64_t{1} << 30;  // longer range accesses are cut (warning)
  size_t shadow_page_limit = 0;                   // 0 = unlimited
  std::function<void(uint64_t done, uint64_t total)> progress;
};

class Replay {
 public:
  static constexpr uint32_t kMaxDepth = 4096;
  static constexpr unsigned kBatch = 16;  // plain records decoded ahead (see Advance)

  Replay(TraceFile& file, const Metadata& meta, Diagnostics& diag, ReplayOptions opts);
  ~Replay();

  void set_observer(ReplayObserver* o) { observer_ = o; }
  void set_lock_order(LockOrder* l) { lock_order_ = l; }
  void Run();

  const Metadata& meta() const { return meta_; }
  const Symbolizer& symbolizer() const { return symbolizer_; }
  const StackTrie& trie() const { return trie_; }
  const std::vector<uint32_t>& task_ids() const { return task_ids_; }  // index -> id
  const TaskState* FindTask(uint32_t id) const;
  TaskState* FindTask(uint32_t id);
  Stack ExpandStack(StackId stack, uint32_t site) const { return symbolizer_.Expand(trie_, stack, site); }
  Location Describe(uint64_t addr) const;
  TaskDesc DescribeTask(uint32_t id) const;
  FindingSet& findings() { return findings_; }
  uint64_t events() const { return events_; }
  size_t task_count() const { return tasks_.size(); }
  bool saw_exit() const { return saw_exit_; }
  int64_t exit_status() const { return exit_status_; }
  size_t shadow_bytes() const;

 private:
  TaskState& TaskFor(uint32_t id);
  bool Advance(TaskState& t);
  void ApplyPlain(TaskState& t, const trace::Record& r);
  void ApplyPlainObserved(TaskState& t, const trace::Record& r, ShadowMemory::PageHint page);
  void ApplyAtomic(TaskState& t, const trace::Record& r);
  void ApplySync(TaskState& t, const trace::Record& r);  // hb_rules.cc
  void ApplyChannel(TaskState& t, const trace::Record& r, SyncObject& o);
  void ApplyRuntimeFinding(TaskState& t, const trace::Record& r);  // runtime_findings.cc
  void AddUnmatchedPanics();
  // Leaked tasks (leaks.cc): tasks still blocked when the program exited, in a wait that
  // nothing after it could have ended.
  void WatchBlock(const TaskState& t);
  void UnwatchBlock(const TaskState& t);
  void TouchWatched(const trace::Record& r);
  void AddLeaks();
  // A finished task's clock is dropped once nothing can acquire it (joined, or detached),
  // so memory follows the live tasks, not every task the program ever started. Unclaim marks
  // `child` so (by task `by`'s join or detach) and drops the clock if child has ended; the
  // replay loop drops it when an unclaimed task ends.
  static void DropFinishedClock(TaskState& t) { t.clock = VectorClock(); }
  static void Unclaim(TaskState& child, const TaskState& by) {
    child.unclaimed = true;
    if (child.ended && &child != &by) DropFinishedClock(child);
  }
  // Gives the task its first epoch when it is first needed (its first event, a join), not
  // when its stream is opened: every stream is opened at the start, and a clock is as long
  // as the task index -- quadratic memory for a program that starts many tasks.
  static void Activate(TaskState& t) {
    if (t.clock_set) return;
    t.clock_set = true;
    t.clock.Set(t.index, 1);
  }
  void OnAlloc(TaskState& t, const trace::Record& r);
  void OnFree(TaskState& t, const trace::Record& r);
  void Range(TaskState& t, uint64_t addr, uint64_t size, bool write, bool atomic, uint32_t site);
  void ReportProgress();

  TraceFile& file_;
  const Metadata& meta_;
  Diagnostics& diag_;
  ReplayOptions opts_;
  Symbolizer symbolizer_;
  StackTrie trie_;
  std::vector<std::unique_ptr<TaskState>> tasks_;  // by index
  std::vector<uint32_t> task_ids_;
  std::unordered_map<uint32_t, TaskIndex> index_of_;
  SyncObjects objects_;
  HeapBlocks heap_;
  FindingSet findings_;
  std::unique_ptr<RaceDetector> races_;
  ReplayObserver* observer_ = nullptr;
  LockOrder* lock_order_ = nullptr;
  struct Watched {
    uint32_t waiters = 0;
    uint64_t last_touch = 0;  // seq of the last other event on the object
  };
  std::unordered_map<uint64_t, Watched> watched_;  // objects some task is blocked on
  SeqQueue queue_;
  uint64_t events_ = 0;
  uint64_t next_progress_ = 0;
  uint64_t finished_bytes_ = 0;
  bool saw_exit_ = false;
  int64_t exit_status_ = 0;
  std::vector<bool> panic_used_;
  bool warned_range_ = false;
  bool warned_kind_ = false;
};

}  // namespace ccsp::analyzer
