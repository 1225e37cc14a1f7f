// Engine driver: stream merging, per-task state, plain records (stacks), atomics and
// allocation lifetimes, and the hand-off of every event to the consumers. The
// synchronization rules are in hb_rules.cc.
#include "analyzer/hb/engine.h"

#include <algorithm>
#include <utility>

#include "analyzer/hb/engine_impl.h"

namespace ccsp::analyzer {

using trace::AtomicKind;
using trace::Record;

Engine::Engine(TraceFile& file, const Metadata& meta, Diagnostics& diag, EngineOptions opts)
    : impl_(std::make_unique<Impl>(file, meta, diag, std::move(opts))) {}

Engine::~Engine() = default;

void Engine::Add(Consumer* c) {
  Impl& m = *impl_;
  m.consumers.push_back(c);
  uint32_t want = c->interests();
  if (want & Consumer::kPlain) m.plain.push_back(c);
  if (want & Consumer::kAtomics) m.atomics.push_back(c);
  if (want & Consumer::kSamples) m.samples.push_back(c);
  if (want & Consumer::kSyncs)
    for (uint32_t k = 0; k < Impl::kSyncKinds; ++k)
      if (c->WantsSync(static_cast<trace::SyncKind>(k))) m.syncs[k].push_back(c);
}

void Engine::Run() { impl_->Run(*this); }
bool Engine::failed() const { return impl_->failed; }
const std::string& Engine::error() const { return impl_->error; }
const TraceFile& Engine::file() const { return impl_->file; }
const Metadata& Engine::meta() const { return impl_->meta; }
Diagnostics& Engine::diag() const { return impl_->diag; }
const StackTrie& Engine::trie() const { return impl_->trie; }
const HeapBlocks& Engine::heap() const { return impl_->heap; }
size_t Engine::task_count() const { return impl_->tasks.size(); }
const Task& Engine::task(TaskIndex i) const { return impl_->tasks[i]->t; }
const std::vector<TaskId>& Engine::task_ids() const { return impl_->ids; }
TaskId Engine::IdOf(TaskIndex i) const { return i < impl_->ids.size() ? impl_->ids[i] : TaskId::kNone; }
const SyncObject* Engine::Object(ObjectId obj) const { return impl_->objects.Find(Raw(obj)); }
uint64_t Engine::events() const { return impl_->events; }
bool Engine::saw_exit() const { return impl_->saw_exit; }
int64_t Engine::exit_status() const { return impl_->exit_status; }
bool Engine::saw_all_asleep() const { return impl_->all_asleep; }

const Task* Engine::TaskOfThread(ObjectId thread) const {
  auto it = impl_->threads.find(Raw(thread));
  return it == impl_->threads.end() ? nullptr : &impl_->tasks[it->second]->t;
}

const Task* Engine::FindTask(TaskId id) const {
  TaskSlot* s = impl_->FindSlot(Raw(id));
  return s ? &s->t : nullptr;
}

TaskSlot& Engine::Impl::SlotFor(uint32_t id) {
  auto [it, fresh] = index_of.emplace(id, static_cast<TaskIndex>(tasks.size()));
  if (fresh) {
    auto s = std::make_unique<TaskSlot>();
    s->t.id = TaskId(id);
    s->t.index = it->second;
    tasks.push_back(std::move(s));
    ids.push_back(TaskId(id));
  }
  return *tasks[it->second];
}

TaskSlot* Engine::Impl::FindSlot(uint32_t id) {
  auto it = index_of.find(id);
  return it == index_of.end() ? nullptr : tasks[it->second].get();
}

void Engine::Impl::ClockLimit(const TaskSlot& s) {
  if (failed) return;
  failed = true;
  error = file.name() + ": task " + std::to_string(Raw(s.t.id)) + " has more than " +
          std::to_string(kMaxClock) +
          " synchronization events; the analyzer's logical clocks cannot count further, so "
          "the trace was analyzed only up to there";
}

void Engine::Impl::Run(const Engine& self) {
  for (Consumer* c : consumers) c->OnStart(self);
  for (const StreamInfo& si : file.tasks()) {
    TaskSlot& s = SlotFor(si.id);
    if (s.cursor) continue;  // one StreamInfo per id: cannot happen
    s.cursor = std::make_unique<StreamCursor>(file, si, diag);
  }
  for (size_t i = 0; i < tasks.size(); ++i) {
    TaskSlot& s = *tasks[i];
    if (s.cursor && Advance(s)) queue.Push(s.pending->seq, s.t.index);
  }
  while (!queue.empty() && !failed) {
    TaskIndex idx = queue.top_task();
    TaskSlot& s = *tasks[idx];
    const Record& r = *s.pending;  // valid until the next Advance(s)
    Activate(s);
    if (r.op == trace::kOpAtomic) {
      ApplyAtomic(s, r);
    } else {
      SyncContext ctx;
      bool tick = ApplySync(s, r, ctx);
      uint32_t kind = static_cast<uint32_t>(r.sync_kind);
      for (Consumer* c : syncs[kind < kSyncKinds ? kind : kSyncKinds - 1]) c->OnSync(s.t, r, ctx);
      if (tick) Tick(s);
    }
    if (s.t.ended && s.unclaimed) DropFinishedClock(s);
    // The task's next seq-carrying record replaces it at the top (often staying there).
    if (Advance(s))
      queue.ReplaceTop(s.pending->seq, idx);
    else
      queue.Pop();
    if (events >= next_progress) ReportProgress();
  }
  for (Consumer* c : consumers) c->OnFinish(self);
  if (opts.progress) opts.progress(file.payload_bytes(), file.payload_bytes());
}

void Engine::Impl::ReportProgress() {
  next_progress = events + (1u << 18);
  if (!opts.progress) return;
  uint64_t done = finished_bytes;
  for (const auto& s : tasks)
    if (s->cursor) done += s->cursor->consumed();
  opts.progress(done, file.payload_bytes());
}

// Applies this task's records up to its next seq-carrying one, which becomes s.pending
// (returns true; false at the end of the stream). Plain records are decoded in batches, and
// the batches are pipelined: batch i+1 is decoded and announced to the consumers
// (PrefetchAccesses: the race detector prefetches its shadow) before batch i is handed over
// (OnAccesses), so the cache misses of one batch overlap the work of the previous one. Only
// accesses, runs and calls continue a batch: any other plain record (a range, which may warn)
// is its last, so effects keep stream order. The pending record stays where it was decoded
// (the task's own buffer) until the next Advance.
bool Engine::Impl::Advance(TaskSlot& s) {
  StreamCursor& c = *s.cursor;
  std::vector<Record>& buf = s.batch;  // s.pending, in it, was applied: free to reuse
  if (buf.empty()) buf.resize(1);
  int held = -1;  // the half whose batch was announced but not yet handed over
  unsigned held_n = 0;
  int cur = 0;
  unsigned n = 0;  // records in the current half
  for (;;) {
    bool more = true;
    const Record* sync = nullptr;
    while (n < kBatch) {
      size_t at = static_cast<size_t>(cur) * kBatch + n;
      // A task that only synchronizes keeps a one-record buffer (programs start many of
      // those); the full one comes with its first plain record, before any batch is held.
      if (at >= buf.size()) buf.resize(2 * kBatch);
      Record& r = buf[at];
      if (!c.Next(&r)) {  // the one decode site, so the decoder is inlined here
        more = false;
        break;
      }
      ++events;
      if (r.op == trace::kOpSync || r.op == trace::kOpAtomic) {
        sync = &r;
        break;
      }
      ++n;
      if (!ContinuesBatch(r.op)) break;
    }
    Record* b = &buf[static_cast<size_t>(cur) * kBatch];
    // A batch with nothing in flight before it and a sync after it is handed over at once:
    // there is nothing to overlap its misses with.
    bool at_once = sync && held < 0;
    if (n) Announce(s, b, n, cur, !at_once);
    if (held >= 0) Deliver(s, &buf[static_cast<size_t>(held) * kBatch], held_n, held);
    held = -1;
    if (sync) {
      if (n) Deliver(s, b, n, cur);
      s.pending = sync;
      return true;
    }
    if (n) {
      held = cur;
      held_n = n;
      cur ^= 1;
    }
    if (!more) {
      if (held >= 0) Deliver(s, &buf[static_cast<size_t>(held) * kBatch], held_n, held);
      return Finish(s);
    }
    n = 0;
  }
}

bool Engine::Impl::Finish(TaskSlot& s) {
  finished_bytes += s.cursor->consumed();
  s.cursor.reset();
  std::vector<Record>().swap(s.batch);
  s.pending = nullptr;
  return false;
}

// Moves the task's stack through the batch's calls (stacks[half][i]: the stack at record i)
// and lets the consumers prefetch.
void Engine::Impl::Announce(TaskSlot& s, const Record* rs, unsigned n, int half, bool prefetch) {
  Activate(s);
  Task& t = s.t;
  StackId* st = stacks[half];
  for (unsigned i = 0; i < n; ++i) {
    const Record& r = rs[i];
    if (r.op == trace::kOpFuncEnter) {
      if (trie.node(t.stack).depth >= Engine::kMaxDepth || s.excess_depth)
        ++s.excess_depth;
      else
        t.stack = trie.Push(t.stack, r.callsite, r.fn);
    } else if (r.op == trace::kOpFuncExit) {
      if (s.excess_depth)
        --s.excess_depth;
      else
        t.stack = trie.Pop(t.stack);
    } else if (r.op == trace::kOpSampleFrame) {  // a frame of the next Sample only
      if (!s.sample_open) s.sample_stack = t.stack;
      s.sample_open = true;
      s.sample_stack = trie.Push(s.sample_stack, r.callsite, r.fn);
    } else if (r.op == trace::kOpSample) {
      st[i] = s.sample_open ? s.sample_stack : t.stack;
      s.sample_open = false;
      continue;
    }
    st[i] = t.stack;
  }
  if (!prefetch) return;
  AccessBatch b{rs, st, n};
  for (Consumer* c : plain) c->PrefetchAccesses(t, b);
}

void Engine::Impl::Deliver(TaskSlot& s, const Record* rs, unsigned n, int half) {
  AccessBatch b{rs, stacks[half], n};
  for (Consumer* c : plain) c->OnAccesses(s.t, b);
  // A Sample ends its batch (it does not continue one), so it can only be the last record.
  if (!samples.empty() && rs[n - 1].op == trace::kOpSample)
    for (Consumer* c : samples) c->OnSample(s.t, rs[n - 1], stacks[half][n - 1]);
}

// Atomics: per-location release clock L. A store replaces L (release: with the task's
// clock; relaxed: with the clock of its last release fence, or nothing); an RMW joins into L
// (release sequences continue through RMWs). An acquire load joins L into the task; a
// relaxed one remembers L for a later acquire fence.
void Engine::Impl::ApplyAtomic(TaskSlot& s, const Record& r) {
  Task& t = s.t;
  s.at_start = false;
  bool acq = trace::IsAcquire(r.order), rel = trace::IsRelease(r.order);
  switch (r.atomic_kind) {
    case AtomicKind::kFence:
      if (acq && s.acquire_pending) t.clock.Join(*s.acquire_pending);
      if (rel) {
        if (!s.fence_release) s.fence_release = std::make_unique<VectorClock>();
        s.fence_release->CopyFrom(t.clock);
      }
      for (Consumer* c : atomics) c->OnAtomic(t, r);
      Tick(s);
      return;
    case AtomicKind::kSignalFence:
      for (Consumer* c : atomics) c->OnAtomic(t, r);
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
    if (VectorClock* l = objects.Atomic(r.addr, false)) {
      if (acq) {
        t.clock.Join(*l);
      } else {
        if (!s.acquire_pending) s.acquire_pending = std::make_unique<VectorClock>();
        s.acquire_pending->Join(*l);
      }
    }
  }
  for (Consumer* c : atomics) c->OnAtomic(t, r);
  if (writes) {
    const VectorClock* src = rel ? &t.clock : s.fence_release.get();
    if (r.atomic_kind == AtomicKind::kStore) {
      if (src)
        objects.Atomic(r.addr, true)->CopyFrom(*src);
      else
        objects.EraseAtomic(r.addr);
    } else if (src) {
      objects.Atomic(r.addr, true)->Join(*src);
    }
    Tick(s);
  }
}

void Engine::Impl::OnAlloc(TaskSlot& s, const Record& r) {
  HeapBlock b;
  b.size = r.arg1;
  b.task = s.t.id;
  b.stack = s.t.stack;
  b.site = SiteId(r.site);
  b.kind = static_cast<trace::AllocKind>(r.arg2);
  b.task_stack = s.at_start && b.kind == trace::AllocKind::kMmap;
  heap.Alloc(r.addr, b);
  objects.EraseRange(r.addr, r.arg1);
}

// The block that ends, copied (consumers see it through SyncContext::freed); nullptr for an
// unknown block (allocated before recording, or by the runtime).
const HeapBlock* Engine::Impl::OnFree(const Record& r) {
  const HeapBlock* b = heap.At(r.addr);
  if (!b) return nullptr;
  freed = *b;
  objects.EraseRange(r.addr, freed.size);
  heap.Erase(r.addr);
  return &freed;
}

}  // namespace ccsp::analyzer
