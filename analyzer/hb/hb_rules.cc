// The happens-before rules, one case per SyncKind (the table in docs/DESIGN.md), and the
// engine's bookkeeping of held locks, block states and object states that goes with them.
// rel(X): X ⊔= task clock; acq(X): task clock ⊔= X. The task's own component ticks after
// every synchronization record, so accesses after a release are not ordered before the
// acquirer.
#include "analyzer/hb/engine_impl.h"

#include <array>

#include "analyzer/reading/names.h"

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

bool Engine::Impl::ApplySync(TaskSlot& s, const Record& r, SyncContext& ctx) {
  Task& t = s.t;
  VectorClock& c = t.clock;
  uint64_t obj = r.addr;
  if (!t.first_ts) t.first_ts = r.ts;
  t.last_ts = r.ts;
  bool start_phase = false;
  switch (r.sync_kind) {
    // ---- tasks ----
    case SyncKind::kTaskCreate: {
      if (r.arg1 > UINT32_MAX) break;
      // Slots are heap-allocated: `s` stays valid while SlotFor grows the table.
      TaskSlot& child = SlotFor(static_cast<uint32_t>(r.arg1));
      if (&child == &s) break;
      child.t.parent = t.id;
      child.t.create_seq = r.seq;
      child.t.has_creation = true;
      if (obj) threads[obj] = child.t.index;
      child.t.create_stack = t.stack;
      child.t.create_site = SiteId(r.site);
      if (!child.start_clock) child.start_clock = std::make_unique<VectorClock>();
      child.start_clock->CopyFrom(c);
      ctx.other = &child.t;
      break;
    }
    case SyncKind::kTaskStart:
      t.started = true;
      start_phase = true;
      if (t.parent == TaskId::kNone) t.parent = AsTask(r.arg1);
      if (s.start_clock) {
        c.Join(*s.start_clock);
        s.start_clock.reset();
      }
      break;
    case SyncKind::kTaskEnd:
    case SyncKind::kProcessExit:
      if (r.sync_kind == SyncKind::kProcessExit) {
        saw_exit = true;
        exit_status = static_cast<int64_t>(r.arg1);
      }
      t.ended = true;
      t.block.blocked = false;
      t.block.select_cases.clear();
      t.held.clear();
      s.at_start = false;
      return false;  // the final clock stays as it is, for joiners
    case SyncKind::kTaskJoin:
      if (TaskSlot* child = r.arg1 <= UINT32_MAX ? FindSlot(static_cast<uint32_t>(r.arg1)) : nullptr) {
        Activate(*child);
        c.Join(child->t.clock);
        Unclaim(*child, s);
        ctx.other = &child->t;
      }
      break;
    case SyncKind::kTaskInternal:
      t.internal = true;
      break;
    case SyncKind::kTaskDetach:
      if (TaskSlot* child = r.arg1 <= UINT32_MAX ? FindSlot(static_cast<uint32_t>(r.arg1)) : nullptr) {
        Unclaim(*child, s);
        ctx.other = &child->t;
      }
      break;
    // ---- mutexes ----
    case SyncKind::kMutexInit:
    case SyncKind::kRwInit:
    case SyncKind::kSemInit:
      objects.Erase(obj);
      break;
    case SyncKind::kMutexDestroy:
    case SyncKind::kRwDestroy:
    case SyncKind::kSemDestroy:
    case SyncKind::kCondDestroy:
    case SyncKind::kBarrierDestroy:
      objects.Erase(obj);
      break;
    case SyncKind::kMutexLock: {
      SyncObject& o = objects.Get(obj);
      if (opts.lock_edges) c.Join(o.clock);
      if (o.writer == t.index) {
        ++o.depth;
      } else {
        o.writer = t.index;
        o.depth = 1;
      }
      Acquired(s, r, false);
      ctx.object = &o;
      break;
    }
    case SyncKind::kMutexUnlock: {
      SyncObject& o = objects.Get(obj);
      o.clock.Join(c);
      if (o.writer == t.index && --o.depth == 0) o.writer = kNoTask;
      Released(s, obj);
      ctx.object = &o;
      break;
    }
    case SyncKind::kMutexTryFail:
    case SyncKind::kRwTryFail:
    case SyncKind::kSemTryFail:
      break;
    // ---- rwlocks ----
    case SyncKind::kRwRdLock: {
      SyncObject& o = objects.Get(obj);
      if (opts.lock_edges) c.Join(o.clock);
      o.readers.push_back(t.index);
      Acquired(s, r, true);
      ctx.object = &o;
      break;
    }
    case SyncKind::kRwWrLock: {
      SyncObject& o = objects.Get(obj);
      if (opts.lock_edges) {
        c.Join(o.clock);
        c.Join(o.read_clock);
      }
      o.writer = t.index;
      o.depth = 1;
      Acquired(s, r, false);
      ctx.object = &o;
      break;
    }
    case SyncKind::kRwUnlock: {
      SyncObject& o = objects.Get(obj);
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
      Released(s, obj);
      ctx.object = &o;
      break;
    }
    // ---- conds, semaphores, once, wait groups, contexts, annotations ----
    case SyncKind::kCondSignal:
    case SyncKind::kCondBroadcast:
    case SyncKind::kSemPost:
    case SyncKind::kOnceDone:
    case SyncKind::kCtxCancel:
    case SyncKind::kRelease: {
      SyncObject& o = objects.Get(obj);
      o.clock.Join(c);
      o.NoteUser(t.index, r.seq);
      ctx.object = &o;
      break;
    }
    case SyncKind::kCondWake: {
      SyncObject& o = objects.Get(obj);
      if (r.arg2 != 1) c.Join(o.clock);
      o.NoteUser(t.index, r.seq);
      ctx.object = &o;
      break;
    }
    case SyncKind::kSemWait:
    case SyncKind::kOnceReturn:
    case SyncKind::kWgWait:
    case SyncKind::kCtxObserve:
    case SyncKind::kAcquire:
      if (SyncObject* o = objects.Find(obj)) {
        c.Join(o->clock);
        o->NoteUser(t.index, r.seq);
        ctx.object = o;
      }
      break;
    case SyncKind::kWgAdd: {
      SyncObject& o = objects.Get(obj);
      int64_t delta = trace::UnZigZag(r.arg1);
      if (delta < 0) o.clock.Join(c);
      o.wg_counter += delta;
      o.NoteUser(t.index, r.seq);
      ctx.object = &o;
      break;
    }
    // ---- barriers ----
    case SyncKind::kBarrierInit: {
      SyncObject& o = objects.Get(obj);
      o.barrier = std::make_unique<BarrierState>();
      o.barrier->count = r.arg1;
      break;
    }
    case SyncKind::kBarrierArrive: {
      SyncObject& o = objects.Get(obj);
      if (!o.barrier) o.barrier = std::make_unique<BarrierState>();
      BarrierState& b = *o.barrier;
      o.NoteUser(t.index, r.seq);
      uint64_t gen = b.count ? b.arrivals / b.count : 0;
      ++b.arrivals;
      b.generations[gen].Join(c);
      // Every departure of generation gen-2 precedes this arrival: drop older clocks.
      if (gen >= 2) b.generations.erase(b.generations.begin(), b.generations.lower_bound(gen - 1));
      s.barrier_obj = obj;
      s.barrier_gen = gen;
      break;
    }
    case SyncKind::kBarrierDepart: {
      SyncObject* o = objects.Find(obj);
      if (!o || !o->barrier) break;
      auto& gens = o->barrier->generations;
      auto it = s.barrier_obj == obj ? gens.find(s.barrier_gen) : gens.end();
      if (it == gens.end() && !gens.empty()) it = std::prev(gens.end());
      if (it != gens.end()) c.Join(it->second);
      break;
    }
    // ---- heap ----
    case SyncKind::kAlloc:
      OnAlloc(s, r);
      start_phase = s.at_start;
      break;
    case SyncKind::kFree:
      ctx.freed = OnFree(r);
      break;
    // ---- blocking ----
    case SyncKind::kSelectCase:
      if (t.block.select_cases.size() < 64) t.block.select_cases.emplace_back(ObjectId(obj), r.arg1 == 1);
      break;
    case SyncKind::kBlockBegin: {
      BlockState& b = t.block;
      b.blocked = true;
      b.timed = r.arg2 != 0;
      b.seq = r.seq;
      b.ts = r.ts;
      b.op = static_cast<uint32_t>(r.arg1);
      b.object = ObjectId(obj);
      b.stack = t.stack;
      b.site = SiteId(r.site);
      break;
    }
    case SyncKind::kBlockEnd:
      t.block.blocked = false;
      t.block.select_cases.clear();
      break;
    // ---- channels ----
    case SyncKind::kChanMake:
    case SyncKind::kChanSend:
    case SyncKind::kChanSendDone:
    case SyncKind::kChanRecv:
    case SyncKind::kChanRecvClosed:
    case SyncKind::kChanClose: {
      SyncObject& o = objects.Get(obj);
      ApplyChannel(s, r, o);
      ctx.object = &o;
      break;
    }
    // ---- pools ----
    case SyncKind::kPoolPut:
      objects.pool_items()[r.arg1].Join(c);
      break;
    case SyncKind::kPoolGet: {
      auto& items = objects.pool_items();
      auto it = items.find(r.arg1);
      if (it != items.end()) {
        if (r.arg2 != 1) c.Join(it->second);
        items.erase(it);
      }
      break;
    }
    // ---- runtime-detected conditions ----
    case SyncKind::kMisuse:
      break;
    case SyncKind::kAllAsleep:
      all_asleep = true;
      break;
    case SyncKind::kFork:
      break;
  }
  if (!warned_kind && !KnownSyncKind(static_cast<uint32_t>(r.sync_kind))) {
    warned_kind = true;
    diag.Warn(file.name() + ": task " + std::to_string(Raw(t.id)) + " recorded an unknown sync kind " +
              std::to_string(static_cast<uint32_t>(r.sync_kind)) + " (ignored; newer runtime?)");
  }
  s.at_start = start_phase;
  return true;
}

// Held locks: a re-acquisition of a held lock (recursive mutex) deepens it.
void Engine::Impl::Acquired(TaskSlot& s, const Record& r, bool read) {
  for (HeldLock& h : s.t.held)
    if (Raw(h.lock) == r.addr) {
      ++h.depth;
      return;
    }
  uint32_t flags = r.sync_kind == SyncKind::kMutexLock ? static_cast<uint32_t>(r.arg1) : 0;
  s.t.held.push_back(HeldLock{ObjectId(r.addr), read, 1, s.t.stack, SiteId(r.site), r.seq, flags});
}

void Engine::Impl::Released(TaskSlot& s, uint64_t lock) {
  std::vector<HeldLock>& held = s.t.held;
  for (size_t i = held.size(); i-- > 0;)
    if (Raw(held[i].lock) == lock) {
      if (--held[i].depth == 0) held.erase(held.begin() + static_cast<long>(i));
      return;
    }
}

// Go's channel rules with slot clocks: send k -> recv k; recv k -> send-done k+C (C = 0:
// a receive -> the completion of its own send); close -> a receive that sees it closed.
void Engine::Impl::ApplyChannel(TaskSlot& s, const Record& r, SyncObject& o) {
  if (!o.chan) o.chan = std::make_unique<ChannelState>();
  ChannelState& ch = *o.chan;
  VectorClock& c = s.t.clock;
  o.NoteUser(s.t.index, r.seq);
  uint64_t k = r.arg1;
  switch (r.sync_kind) {
    case SyncKind::kChanMake:
      ch.capacity = r.arg1;
      break;
    case SyncKind::kChanSend:
      ch.sent.Get(k).Join(c);
      ch.sends = std::max(ch.sends, k + 1);
      break;
    case SyncKind::kChanRecv:
      if (VectorClock* s = ch.sent.Find(k)) {
        c.Join(*s);
        ch.sent.Erase(k);
      }
      ch.received.Get(k).Join(c);
      ch.receives = std::max(ch.receives, k + 1);
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
      ch.closed_seen = true;
      break;
    default:
      break;
  }
  // A buffered channel whose sends never complete keeps at most `capacity` receive clocks.
  if (ch.received.size() > ch.capacity + 64) ch.received.Erase(ch.received.LowestKey());
}

}  // namespace ccsp::analyzer
