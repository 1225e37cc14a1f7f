// Lock + unbuffered channel inversions (lock_channel.h): acquisitions are remembered per
// (task, lock), rendezvous per (channel, value); a rendezvous whose one side held a lock its
// partner took before its own side is a candidate, confirmed on the lock-free second look.
#include "analyzer/base/hex.h"
#include "analyzer/detectors/lock_channel.h"

#include <algorithm>
#include <string>

#include "analyzer/detectors/clock_grabber.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

LockChannelOrder::LockChannelOrder(ReportContext& ctx) : ctx_(ctx) {}
LockChannelOrder::~LockChannelOrder() = default;

bool LockChannelOrder::WantsSync(SyncKind k) const {
  return k == SyncKind::kMutexLock || k == SyncKind::kRwRdLock || k == SyncKind::kRwWrLock ||
         k == SyncKind::kChanSend || k == SyncKind::kChanRecv;
}

void LockChannelOrder::OnSync(const Task& t, const Record& r, const SyncContext& ctx) {
  switch (r.sync_kind) {
    case SyncKind::kMutexLock:
    case SyncKind::kRwRdLock:
    case SyncKind::kRwWrLock: {
      if (r.sync_kind == SyncKind::kMutexLock && (r.arg1 & (trace::kMutexTry | trace::kMutexTimed))) return;
      if (t.index >= acquisitions_.size()) acquisitions_.resize(t.index + 1);
      Ring& ring = acquisitions_[t.index];
      ring.at[ring.next++ % kAcquisitionsKept] =
          Acquisition{r.addr, r.seq, r.sync_kind == SyncKind::kRwRdLock, t.stack, SiteId(r.site)};
      return;
    }
    case SyncKind::kChanSend:
    case SyncKind::kChanRecv: {
      if (!ctx.object || !ctx.object->chan || ctx.object->chan->capacity != 0) return;  // unbuffered only
      ChanOp op{t.id, t.index, r.sync_kind == SyncKind::kChanSend, r.seq, t.stack, SiteId(r.site), {}};
      if (!t.held.empty()) op.held = t.held;
      Match(op, ObjectId(r.addr), r.arg1);
      return;
    }
    default:
      return;
  }
}

// Records one side of rendezvous (ch, k); once both sides are in, each side that held locks
// is checked against its partner's earlier acquisitions of them.
void LockChannelOrder::Match(const ChanOp& mine, ObjectId ch, uint64_t k) {
  auto key = std::make_pair(Raw(ch), k);
  auto it = rendezvous_.find(key);
  if (it == rendezvous_.end()) {
    if (mine.held.empty() && rendezvous_.size() > 4 * kMaxHeldOps) return;  // nothing to learn
    auto& slot = rendezvous_[key];
    (mine.send ? slot.first : slot.second) = mine;
    return;
  }
  ChanOp& other_slot = mine.send ? it->second.second : it->second.first;
  if (other_slot.task == TaskId::kNone) {  // the same side twice: a damaged trace
    rendezvous_.erase(it);
    return;
  }
  ChanOp other = other_slot;
  rendezvous_.erase(it);
  const ChanOp* sides[2] = {&mine, &other};
  for (const ChanOp* pair : sides) {
    const ChanOp& t1 = *pair;
    const ChanOp& t2 = pair == &mine ? other : mine;
    if (t1.task == t2.task || t1.held.empty()) continue;
    for (const HeldLock& m : t1.held) {
      if (candidates_.size() >= kMaxHeldOps) return;
      bool partner_holds = std::any_of(t2.held.begin(), t2.held.end(),
                                       [&](const HeldLock& h) { return h.lock == m.lock; });
      if (partner_holds) continue;
      if (t2.index >= acquisitions_.size()) continue;
      const Acquisition* taken = nullptr;
      for (const Acquisition& x : acquisitions_[t2.index].at)  // the latest before its side
        if (x.lock == Raw(m.lock) && x.seq < t2.seq && (!taken || x.seq > taken->seq)) taken = &x;
      if (!taken || (taken->read && m.read)) continue;
      candidates_.push_back(Candidate{t1, m, ch, t2, *taken});
    }
  }
}

Consumer* LockChannelOrder::SecondLook(EngineOptions& opts) {
  if (candidates_.empty()) return nullptr;
  grab_ = std::make_unique<ClockGrabber>();
  for (const Candidate& c : candidates_) {
    grab_->Want(c.held.seq);
    grab_->Want(c.op.seq);
    grab_->Want(c.taken.seq);
  }
  opts.lock_edges = false;
  return grab_.get();
}

void LockChannelOrder::OnSecondLookDone() {
  if (!grab_) return;
  for (const Candidate& c : candidates_)
    if (grab_->Concurrent(c.taken.seq, c.held.seq) && grab_->Concurrent(c.taken.seq, c.op.seq)) Report(c);
}

void LockChannelOrder::Report(const Candidate& c) {
  uint64_t lo = std::min(Raw(c.op.site), Raw(c.taken.site)), hi = std::max(Raw(c.op.site), Raw(c.taken.site));
  FindingKey key{FindingKind::kDeadlock, (uint64_t{1} << 62) | ((lo << 31) ^ hi), Raw(c.partner.site)};
  if (!ctx_.findings().Bump(key)) return;
  std::string ch = HexString(Raw(c.channel)), m = HexString(Raw(c.held.lock));
  std::string t1 = ToString(c.op.task), t2 = ToString(c.partner.task);
  const char* op1 = c.op.send ? "sends on" : "receives from";
  const char* op2 = c.partner.send ? "sends on" : "receives from";
  Finding f;
  f.kind = FindingKind::kDeadlock;
  f.message = "lock and channel inversion (predicted: this run did not deadlock): task " + t1 +
              " holds lock " + m + " while it " + op1 + " unbuffered channel " + ch + ", and task " + t2 +
              " takes that lock before it " + op2 + " the channel. If task " + t1 +
              " takes the lock first, both wait forever.";
  LockEdgeDesc e1;
  e1.task = c.op.task;
  e1.held = c.held.lock;
  e1.held_read = c.held.read;
  e1.acquired = c.channel;
  e1.what = std::string(op1) + " channel " + ch + " while holding lock " + m;
  e1.acquire_stack = ctx_.ExpandStack(c.op.stack, c.op.site);
  e1.held_what = "lock " + m + " was acquired by task " + t1 + " at";
  e1.held_stack = ctx_.ExpandStack(c.held.stack, c.held.site);
  LockEdgeDesc e2;
  e2.task = c.partner.task;
  e2.held = c.channel;
  e2.acquired = c.held.lock;
  e2.acquired_read = c.taken.read;
  e2.what = "acquires lock " + m + " (and would wait for task " + t1 + ")";
  e2.acquire_stack = ctx_.ExpandStack(c.taken.stack, c.taken.site);
  e2.held_what = std::string("before it ") + op2 + " channel " + ch + " at";
  e2.held_stack = ctx_.ExpandStack(c.partner.stack, c.partner.site);
  f.edges.push_back(std::move(e1));
  f.edges.push_back(std::move(e2));
  f.tasks.push_back(ctx_.DescribeTask(c.op.task));
  f.tasks.push_back(ctx_.DescribeTask(c.partner.task));
  ctx_.findings().Add(key, std::move(f));
}

}  // namespace ccsp::analyzer
