// Mutex profile (mutex_profile.h). Waits are the BlockBegin/BlockEnd pairs the runtime records
// when a lock would block; the unlock that ended them comes before the waiter's BlockEnd in
// replay order (its seq is taken before the real unlock, the BlockEnd's after the lock).
#include "analyzer/profiles/mutex_profile.h"

#include <algorithm>

namespace ccsp::analyzer {

using trace::BlockOp;
using trace::SyncKind;

namespace {

bool IsLockWait(uint64_t op) {
  BlockOp o = static_cast<BlockOp>(op);
  return o == BlockOp::kMutexLock || o == BlockOp::kRwRdLock || o == BlockOp::kRwWrLock ||
         o == BlockOp::kSpinLock;
}

}  // namespace

bool MutexProfile::WantsSync(SyncKind k) const {
  return k == SyncKind::kBlockBegin || k == SyncKind::kBlockEnd || k == SyncKind::kMutexUnlock ||
         k == SyncKind::kRwUnlock;
}

void MutexProfile::OnSync(const Task& t, const trace::Record& r, const SyncContext&) {
  if (static_cast<int64_t>(r.ts) > AtNs()) return;
  switch (r.sync_kind) {
    case SyncKind::kBlockBegin:
      if (IsLockWait(r.arg1)) waiters_[r.addr].push_back(Waiter{t.index, r.ts});
      break;
    case SyncKind::kBlockEnd: {
      if (!IsLockWait(r.arg1)) break;
      auto it = waiters_.find(r.addr);
      if (it == waiters_.end()) break;
      std::vector<Waiter>& w = it->second;
      w.erase(std::remove_if(w.begin(), w.end(), [&](const Waiter& x) { return x.task == t.index; }), w.end());
      if (w.empty()) waiters_.erase(it);
      break;
    }
    case SyncKind::kMutexUnlock:
    case SyncKind::kRwUnlock: {
      auto it = waiters_.find(r.addr);
      if (it == waiters_.end()) break;
      int64_t delay = 0;
      for (Waiter& w : it->second) {
        if (w.task == t.index) continue;  // cannot be: a task waiting does not unlock
        if (r.ts > w.since) delay += static_cast<int64_t>(r.ts - w.since);
        w.since = std::max(w.since, r.ts);
      }
      auto& row = table_.At(t.stack, SiteId(r.site));
      row[0] += 1;
      row[1] += delay;
      break;
    }
    default:
      break;
  }
}

std::string MutexProfile::Build(const Engine& engine, profiles::PprofProfile& p) {
  p.AddSampleType("contentions", "count");
  p.AddSampleType("delay", "nanoseconds");
  p.SetDefaultSampleType("delay");
  p.SetPeriod("contentions", "count", 1);
  DescribeTrace(engine, p, options().at_seconds >= 0 ? AtNs() : -1);
  p.AddComment("ccsp mutex profile: exact (every contended lock is in the trace); delay is "
               "charged to the unlock that ended the wait, once per waiting task");
  ProfileStacks stacks(engine, p);
  table_.ForEach([&](StackId stack, SiteId site, const StackTable<2>::Row& row) {
    p.AddSample(stacks.Locations(stack, site), row);
  });
  return {};
}

}  // namespace ccsp::analyzer
