// The happens-before rules, one case per SyncKind (the table in docs/DESIGN.md).
// rel(X): X ⊔= task clock; acq(X): task clock ⊔= X. The task's own component ticks after
// every synchronization record, so accesses after a release are not ordered before the
// acquirer.
#include "analyzer/replay.h"

#include <array>

#include "analyzer/names.h"
#include "analyzer/race_detector.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

namespace {

void RemoveOne(std::vector<TaskIndex>& v, TaskIndex x) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == x) {
      v[i] = v.back();
      v.pop_back();
      return;
    }
}

// SyncKindName answers per kind; this caches its answers for the small values.
bool KnownSyncKind(uint32_t kind) {
  static const std::array<bool, 256> known = [] {
    std::array<bool, 256> a{};
    for (uint32_t k = 0; k < a.size(); ++k) a[k] = SyncKindName(k) != nullptr;
    return a;
  }();
  return kind < known.size() ? known[kind] : SyncKindName(kind) != nullptr;
}

}  // namespace

void Replay::ApplySync(TaskState& t, const Record& r) {
  VectorClock& c = t.clock;
  uint64_t obj = r.addr;
  t.last_ts = r.ts;
  bool start_phase = false;
  switch (r.sync_kind) {
    // ---- tasks ----
    case SyncKind::kTaskCreate: {
      if (r.arg1 > UINT32_MAX) break;
      // TaskStates are heap-allocated: `t` stays valid while TaskFor grows the table.
      TaskState& child = TaskFor(static_cast<uint32_t>(r.arg1));
      if (&child == &t) break;
      child.parent = t.id;
      child.has_creation = true;
      child.create_stack = t.stack;
      child.create_site = r.site;
      if (!child.start_clock) child.start_clock = std::make_unique<VectorClock>();
      child.start_clock->CopyFrom(c);
      break;
    }
    case SyncKind::kTaskStart:
      t.started = true;
      start_phase = true;
      if (!t.parent && r.arg1 <= UINT32_MAX) t.parent = static_cast<uint32_t>(r.arg1);
      if (t.start_clock) {
        c.Join(*t.start_clock);
        t.start_clock.reset();
      }
      break;
    case SyncKind::kTaskEnd:
    case SyncKind::kProcessExit:
      if (r.sync_kind == SyncKind::kProcessExit) {
        saw_exit_ = true;
        exit_status_ = static_cast<int64_t>(r.arg1);
      }
      t.ended = true;
      if (t.blocked) UnwatchBlock(t);
      t.blocked = false;
      return;  // the final clock stays as it is, for joiners
    case SyncKind::kTaskJoin:
      if (TaskState* child = r.arg1 <= UINT32_MAX ? FindTask(static_cast<uint32_t>(r.arg1)) : nullptr) {
        Activate(*child);
        c.Join(child->clock);
        Unclaim(*child, t);
      }
      break;
    case SyncKind::kTaskDetach:
      if (TaskState* child = r.arg1 <= UINT32_MAX ? FindTask(static_cast<uint32_t>(r.arg1)) : nullptr)
        Unclaim(*child, t);
      break;
    // ---- mutexes ----
    case SyncKind::kMutexInit:
    case SyncKind::kRwInit:
    case SyncKind::kSemInit:
      objects_.Erase(obj);
      break;
    case SyncKind::kMutexDestroy:
    case SyncKind::kRwDestroy:
    case SyncKind::kSemDestroy:
    case SyncKind::kCondDestroy:
    case SyncKind::kBarrierDestroy:
      objects_.Erase(obj);
      break;
    case SyncKind::kMutexLock:
      if (opts_.lock_edges) c.Join(objects_.Get(obj).clock);
      break;
    case SyncKind::kMutexUnlock:
      objects_.Get(obj).clock.Join(c);
      break;
    case SyncKind::kMutexTryFail:
    case SyncKind::kRwTryFail:
    case SyncKind::kSemTryFail:
      break;
    // ---- rwlocks ----
    case SyncKind::kRwRdLock: {
      SyncObject& o = objects_.Get(obj);
      if (opts_.lock_edges) c.Join(o.clock);
      o.readers.push_back(t.index);
      break;
    }
    case SyncKind::kRwWrLock: {
      SyncObject& o = objects_.Get(obj);
      if (opts_.lock_edges) {
        c.Join(o.clock);
        c.Join(o.read_clock);
      }
      o.writer = t.index;
      break;
    }
    case SyncKind::kRwUnlock: {
      SyncObject& o = objects_.Get(obj);
      bool reader = false;
      for (TaskIndex x : o.readers) reader |= x == t.index;
      if (o.writer == t.index) {
        o.clock.Join(c);
        o.writer = kNoTask;
      } else if (reader) {
        o.read_clock.Join(c);
        RemoveOne(o.readers, t.index);
      } else {
        // Unknown mode (lock not recorded): release to both; never invents a race.
        o.clock.Join(c);
        o.read_clock.Join(c);
      }
      break;
    }
    // ---- conds, semaphores, once, wait groups, contexts, annotations ----
    case SyncKind::kCondSignal:
    case SyncKind::kCondBroadcast:
    case SyncKind::kSemPost:
    case SyncKind::kOnceDone:
    case SyncKind::kCtxCancel:
    case SyncKind::kRelease:
      objects_.Get(obj).clock.Join(c);
      break;
    case SyncKind::kCondWake:
      if (r.arg2 != 1) c.Join(objects_.Get(obj).clock);
      break;
    case SyncKind::kSemWait:
    case SyncKind::kOnceReturn:
    case SyncKind::kWgWait:
    case SyncKind::kCtxObserve:
    case SyncKind::kAcquire:
      if (SyncObject* o = objects_.Find(obj)) c.Join(o->clock);
      break;
    case SyncKind::kWgAdd:
      if (trace::UnZigZag(r.arg1) < 0) objects_.Get(obj).clock.Join(c);
      break;
    // ---- barriers ----
    case SyncKind::kBarrierInit: {
      SyncObject& o = objects_.Get(obj);
      o.barrier = std::make_unique<BarrierState>();
      o.barrier->count = r.arg1;
      break;
    }
    case SyncKind::kBarrierArrive: {
      SyncObject& o = objects_.Get(obj);
      if (!o.barrier) o.barrier = std::make_unique<BarrierState>();
      BarrierState& b = *o.barrier;
      uint64_t gen = b.count ? b.arrivals / b.count : 0;
      ++b.arrivals;
      b.generations[gen].Join(c);
      // Every departure of generation gen-2 precedes this arrival: drop older clocks.
      if (gen >= 2) b.generations.erase(b.generations.begin(), b.generations.lower_bound(gen - 1));
      t.barrier_obj = obj;
      t.barrier_gen = gen;
      break;
    }
    case SyncKind::kBarrierDepart: {
      SyncObject* o = objects_.Find(obj);
      if (!o || !o->barrier) break;
      auto& gens = o->barrier->generations;
      auto it = t.barrier_obj == obj ? gens.find(t.barrier_gen) : gens.end();
      if (it == gens.end() && !gens.empty()) it = std::prev(gens.end());
      if (it != gens.end()) c.Join(it->second);
      break;
    }
    // ---- heap ----
    case SyncKind::kAlloc:
      OnAlloc(t, r);
      start_phase = t.at_start;
      break;
    case SyncKind::kFree:
      OnFree(t, r);
      break;
    // ---- blocking ----
    case SyncKind::kSelectCase:
      if (t.select_cases.size() < 64) t.select_cases.emplace_back(obj, r.arg1);
      break;
    case SyncKind::kBlockBegin:
      if (t.blocked) UnwatchBlock(t);
      t.blocked = true;
      t.block_timed = r.arg2 != 0;
      t.block_seq = r.seq;
      t.block_op = static_cast<uint32_t>(r.arg1);
      t.block_obj = obj;
      t.block_stack = t.stack;
      t.block_site = r.site;
      WatchBlock(t);
      break;
    case SyncKind::kBlockEnd:
      if (t.blocked) UnwatchBlock(t);
      t.blocked = false;
      t.select_cases.clear();
      break;
    // ---- channels ----
    case SyncKind::kChanMake:
    case SyncKind::kChanSend:
    case SyncKind::kChanSendDone:
    case SyncKind::kChanRecv:
    case SyncKind::kChanRecvClosed:
    case SyncKind::kChanClose:
      ApplyChannel(t, r, objects_.Get(obj));
      break;
    // ---- pools ----
    case SyncKind::kPoolPut:
      objects_.pool_items()[r.arg1].Join(c);
      break;
    case SyncKind::kPoolGet: {
      auto& items = objects_.pool_items();
      auto it = items.find(r.arg1);
      if (it != items.end()) {
        if (r.arg2 != 1) c.Join(it->second);
        items.erase(it);
      }
      break;
    }
    // ---- runtime-detected conditions ----
    case SyncKind::kMisuse:
    case SyncKind::kAllAsleep:
      ApplyRuntimeFinding(t, r);
      break;
    case SyncKind::kFork:
      break;
  }
  if (!warned_kind_ && !KnownSyncKind(static_cast<uint32_t>(r.sync_kind))) {
    warned_kind_ = true;
    diag_.Warn(file_.name() + ": task " + std::to_string(t.id) + " recorded an unknown sync kind " +
               std::to_string(static_cast<uint32_t>(r.sync_kind)) + " (ignored; newer runtime?)");
  }
  t.at_start = start_phase;
  c.Tick(t.index);
}

// Go's channel rules with slot clocks: send k -> recv k; recv k -> send-done k+C (C = 0:
// a receive -> the completion of its own send); close -> a receive that sees it closed.
void Replay::ApplyChannel(TaskState& t, const Record& r, SyncObject& o) {
  if (!o.chan) o.chan = std::make_unique<ChannelState>();
  ChannelState& ch = *o.chan;
  VectorClock& c = t.clock;
  uint64_t k = r.arg1;
  switch (r.sync_kind) {
    case SyncKind::kChanMake:
      ch.capacity = r.arg1;
      break;
    case SyncKind::kChanSend:
      ch.sent.Get(k).Join(c);
      break;
    case SyncKind::kChanRecv:
      if (VectorClock* s = ch.sent.Find(k)) {
        c.Join(*s);
        ch.sent.Erase(k);
      }
      ch.received.Get(k).Join(c);
      break;
    case SyncKind::kChanSendDone:
      if (k < ch.capacity) break;
      if (VectorClock* rc = ch.received.Find(k - ch.capacity)) {
        c.Join(*rc);
        ch.received.Erase(k - ch.capacity);
      }
      break;
    case SyncKind::kChanRecvClosed:
      c.Join(ch.closed);
      break;
    case SyncKind::kChanClose:
      ch.closed.Join(c);
      break;
    default:
      break;
  }
  // A buffered channel whose sends never complete keeps at most `capacity` receive clocks.
  if (ch.received.size() > ch.capacity + 64) ch.received.Erase(ch.received.LowestKey());
}

}  // namespace ccsp::analyzer
