// Replay driver: stream merging, per-task state, plain records (accesses, calls), atomics
// and allocation lifetimes. Synchronization rules are in hb_rules.cc, runtime-reported
// misuse in runtime_findings.cc.
#include "analyzer/replay.h"

#include <algorithm>
#include <utility>

#include "analyzer/lock_order.h"
#include "analyzer/race_detector.h"

namespace ccsp::analyzer {

using trace::AtomicKind;
using trace::Record;

Replay::Replay(TraceFile& file, const Metadata& meta, Diagnostics& diag, ReplayOptions opts)
    : file_(file), meta_(meta), diag_(diag), opts_(std::move(opts)), symbolizer_(meta) {
  if (opts_.detect_races) {
    races_ = std::make_unique<RaceDetector>(*this);
    races_->shadow().set_page_limit(opts_.shadow_page_limit);
  }
}

Replay::~Replay() = default;

size_t Replay::shadow_bytes() const { return races_ ? races_->shadow().memory_bytes() : 0; }

TaskState& Replay::TaskFor(uint32_t id) {
  auto [it, fresh] = index_of_.emplace(id, static_cast<TaskIndex>(tasks_.size()));
  if (fresh) {
    auto t = std::make_unique<TaskState>();
    t->id = id;
    t->index = it->second;
    tasks_.push_back(std::move(t));
    task_ids_.push_back(id);
  }
  return *tasks_[it->second];
}

const TaskState* Replay::FindTask(uint32_t id) const {
  auto it = index_of_.find(id);
  return it == index_of_.end() ? nullptr : tasks_[it->second].get();
}

TaskState* Replay::FindTask(uint32_t id) {
  return const_cast<TaskState*>(std::as_const(*this).FindTask(id));
}

void Replay::Run() {
  for (const StreamInfo& s : file_.tasks()) {
    TaskState& t = TaskFor(s.id);
    if (t.cursor) continue;  // duplicate stream id cannot happen (one StreamInfo per id)
    t.cursor = std::make_unique<StreamCursor>(file_, s, diag_);
  }
  for (size_t i = 0; i < tasks_.size(); ++i) {
    TaskState& t = *tasks_[i];
    if (t.cursor && Advance(t)) queue_.Push(t.pending->seq, t.index);
  }
  while (!queue_.empty()) {
    TaskIndex idx = queue_.top_task();
    TaskState& t = *tasks_[idx];
    const Record& r = *t.pending;  // valid until the next Advance(t)
    Activate(t);
    if (r.op == trace::kOpAtomic) {
      ApplyAtomic(t, r);
    } else {
      if (!watched_.empty()) TouchWatched(r);
      ApplySync(t, r);
      if (lock_order_) lock_order_->OnSync(t, r);
    }
    if (observer_) observer_->OnEvent(t, r);
    if (t.ended && t.unclaimed) DropFinishedClock(t);
    // The task's next seq-carrying record replaces it at the top (often staying there).
    if (Advance(t))
      queue_.ReplaceTop(t.pending->seq, idx);
    else
      queue_.Pop();
    if (events_ >= next_progress_) ReportProgress();
  }
  AddUnmatchedPanics();
  if (opts_.detect_leaks) AddLeaks();
  if (opts_.progress) opts_.progress(file_.payload_bytes(), file_.payload_bytes());
  if (races_ && races_->shadow().hit_page_limit())
    diag_.Warn(file_.name() + ": shadow memory limit reached; some accesses were not checked");
}

void Replay::ReportProgress() {
  next_progress_ = events_ + (1u << 18);
  if (!opts_.progress) return;
  uint64_t done = finished_bytes_;
  for (const auto& t : tasks_)
    if (t->cursor) done += t->cursor->consumed();
  opts_.progress(done, file_.payload_bytes());
}

// Applies this task's records up to its next seq-carrying one, which becomes t.pending
// (returns true; false at the end of the stream). Plain records are decoded a batch ahead
// of being applied and the shadow of each access is prefetched when it is decoded, so the
// cache misses of a batch overlap instead of coming one after the other. Only accesses,
// runs and calls continue a batch: any other record (one that may warn, or a seq-carrying
// one) is its last, so effects keep the stream's order. The batch is the task's own, so the pending
// record stays where it was decoded.
bool Replay::Advance(TaskState& t) {
  StreamCursor& c = *t.cursor;
  std::vector<Record>& batch = t.batch;  // t.pending, in it, was applied: free to reuse
  // Pages found by the prefetches. Shadow pages are given back only by allocs and frees,
  // which are Sync records and so never inside a batch: the hints stay valid.
  ShadowMemory::PageHint pages[kBatch];
  for (;;) {
    unsigned n = 0;
    bool more = true;
    while (n < kBatch) {
      if (n == batch.size()) batch.resize(n ? kBatch : 1);
      Record& r = batch[n];
      if (!c.Next(&r)) {
        more = false;
        break;
      }
      ++events_;
      if (r.op == trace::kOpSync || r.op == trace::kOpAtomic) {
        if (n) Activate(t);
        for (unsigned i = 0; i < n; ++i) ApplyPlainObserved(t, batch[i], pages[i]);
        t.pending = &r;
        return true;
      }
      pages[n++] = nullptr;
      if (trace::IsAccessOp(r.op)) {
        if (races_) pages[n - 1] = races_->Prefetch(r.addr);
      } else if (trace::IsRunOp(r.op)) {
        if (races_) races_->Prefetch(r.addr);
      } else if (r.op != trace::kOpFuncEnter && r.op != trace::kOpFuncExit) {
        break;
      }
    }
    if (n) Activate(t);
    for (unsigned i = 0; i < n; ++i) ApplyPlainObserved(t, batch[i], pages[i]);
    if (!more) break;
  }
  finished_bytes_ += c.consumed();
  t.cursor.reset();
  std::vector<Record>().swap(t.batch);
  t.pending = nullptr;
  return false;
}

CCSP_HOT_INLINE void Replay::ApplyPlainObserved(TaskState& t, const Record& r,
                                                ShadowMemory::PageHint page) {
  if (trace::IsAccessOp(r.op)) {
    if (races_)
      races_->OnAccess(t.index, t.clock, t.stack, r.addr, r.size, r.write, false, r.site, page);
  } else {
    ApplyPlain(t, r);
  }
  if (observer_) observer_->OnEvent(t, r);
}

// Every plain record but an Access (ApplyPlainObserved checks those with their prefetched page).
void Replay::ApplyPlain(TaskState& t, const Record& r) {
  if (trace::IsRunOp(r.op)) {  // exactly r.count accesses of r.size bytes, in order
    if (!races_) return;
    uint64_t n = r.count;
    if (n * r.size > opts_.max_range_bytes) {  // cut as a range access is
      if (!warned_range_)
        diag_.Warn(file_.name() + ": task " + std::to_string(t.id) + " ran through " +
                   std::to_string(n) + " accesses of " + std::to_string(r.size) + " bytes from " +
                   std::to_string(r.addr) + "; runs and ranges longer than " +
                   std::to_string(opts_.max_range_bytes) +
                   " bytes are checked only up to that length");
      warned_range_ = true;
      n = opts_.max_range_bytes / r.size;
    }
    for (uint64_t i = 0, a = r.addr; i < n; ++i, a += r.size)
      races_->OnAccess(t.index, t.clock, t.stack, a, r.size, r.write, false, r.site);
    return;
  }
  switch (r.op) {
    case trace::kOpRange:
    case trace::kOpRange + 1:
      Range(t, r.addr, r.size, r.write, false, r.site);
      return;
    case trace::kOpFuncEnter:
      if (trie_.node(t.stack).depth >= kMaxDepth || t.excess_depth)
        ++t.excess_depth;
      else
        t.stack = trie_.Push(t.stack, r.callsite, r.fn);
      return;
    case trace::kOpFuncExit:
      if (t.excess_depth)
        --t.excess_depth;
      else
        t.stack = trie_.Pop(t.stack);
      return;
    default:
      return;  // kOpPad
  }
}

void Replay::Range(TaskState& t, uint64_t addr, uint64_t size, bool write, bool atomic,
                   uint32_t site) {
  if (!races_) return;
  if (size > opts_.max_range_bytes) {
    if (!warned_range_)
      diag_.Warn(file_.name() + ": task " + std::to_string(t.id) + " accessed a range of " +
                 std::to_string(size) + " bytes at " + std::to_string(addr) +
                 "; ranges longer than " + std::to_string(opts_.max_range_bytes) +
                 " bytes are checked only up to that length");
    warned_range_ = true;
    size = opts_.max_range_bytes;
  }
  races_->OnAccess(t, addr, size, write, atomic, site);
}

// Atomics: per-location release clock L. A store replaces L (release: with the task's
// clock; relaxed: with the clock of its last release fence, or nothing); an RMW joins into L
// (release sequences continue through RMWs). An acquire load joins L into the task; a
// relaxed one remembers L for a later acquire fence.
void Replay::ApplyAtomic(TaskState& t, const Record& r) {
  t.at_start = false;
  bool acq = trace::IsAcquire(r.order), rel = trace::IsRelease(r.order);
  switch (r.atomic_kind) {
    case AtomicKind::kFence:
      if (acq && t.acquire_pending) t.clock.Join(*t.acquire_pending);
      if (rel) {
        if (!t.fence_release) t.fence_release = std::make_unique<VectorClock>();
        t.fence_release->CopyFrom(t.clock);
      }
      t.clock.Tick(t.index);
      return;
    case AtomicKind::kSignalFence:
      return;
    case AtomicKind::kLoad:
    case AtomicKind::kCasFail:
    case AtomicKind::kStore:
    case AtomicKind::kRmw:
    case AtomicKind::kCasOk:
      break;
  }
  bool reads = r.atomic_kind != AtomicKind::kStore;
  bool writes = r.atomic_kind == AtomicKind::kStore || r.atomic_kind == AtomicKind::kRmw ||
                r.atomic_kind == AtomicKind::kCasOk;
  if (reads) {
    if (VectorClock* l = objects_.Atomic(r.addr, false)) {
      if (acq) {
        t.clock.Join(*l);
      } else {
        if (!t.acquire_pending) t.acquire_pending = std::make_unique<VectorClock>();
        t.acquire_pending->Join(*l);
      }
    }
  }
  if (races_ && r.size) {
    if (r.size <= opts_.max_range_bytes)
      races_->OnAccess(t.index, t.clock, t.stack, r.addr, r.size, writes, true, r.site);
    else
      Range(t, r.addr, r.size, writes, true, r.site);  // cut, with a warning
  }
  if (writes) {
    const VectorClock* src = rel ? &t.clock : t.fence_release.get();
    if (r.atomic_kind == AtomicKind::kStore) {
      if (src)
        objects_.Atomic(r.addr, true)->CopyFrom(*src);
      else
        objects_.EraseAtomic(r.addr);
    } else if (src) {
      objects_.Atomic(r.addr, true)->Join(*src);
    }
    t.clock.Tick(t.index);
  }
}

void Replay::OnAlloc(TaskState& t, const Record& r) {
  HeapBlock b;
  b.size = r.arg1;
  b.task = t.id;
  b.stack = t.stack;
  b.site = r.site;
  b.kind = static_cast<trace::AllocKind>(r.arg2);
  b.task_stack = t.at_start && b.kind == trace::AllocKind::kMmap;
  heap_.Alloc(r.addr, b);
  objects_.EraseRange(r.addr, r.arg1);
  if (races_) races_->OnAlloc(r.addr, r.arg1);
}

void Replay::OnFree(TaskState& t, const Record& r) {
  const HeapBlock* b = heap_.At(r.addr);
  if (!b) return;  // unknown block (allocated before recording, or by the runtime)
  uint64_t size = b->size;
  if (races_) races_->OnFree(t, r.addr, std::min(size, opts_.max_range_bytes), r.site);
  objects_.EraseRange(r.addr, size);
  heap_.Erase(r.addr);
}

Location Replay::Describe(uint64_t addr) const {
  Location loc;
  if (const GlobalInfo* g = meta_.GlobalAt(addr)) {
    loc.kind = LocationKind::kGlobal;
    loc.addr = g->addr;
    loc.size = g->size;
    loc.name = meta_.String(g->name);
    loc.file = meta_.String(g->file);
    loc.line = g->line;
    return loc;
  }
  uint64_t start = 0;
  if (const HeapBlock* b = heap_.Containing(addr, &start)) {
    loc.kind = b->task_stack ? LocationKind::kStack : LocationKind::kHeap;
    loc.addr = start;
    loc.size = b->size;
    loc.task = b->task;
    if (!b->task_stack) loc.alloc_stack = ExpandStack(b->stack, b->site);
    return loc;
  }
  loc.addr = addr;
  return loc;
}

TaskDesc Replay::DescribeTask(uint32_t id) const {
  TaskDesc d;
  d.id = id;
  d.name = meta_.TaskName(id);
  if (const TaskState* t = FindTask(id)) {
    d.created_by = t->parent;
    d.running = !t->ended;
    d.blocked = d.running && t->blocked;
    if (t->has_creation) d.creation_stack = ExpandStack(t->create_stack, t->create_site);
  }
  return d;
}

}  // namespace ccsp::analyzer
