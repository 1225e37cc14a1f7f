// Race detection on the engine's events. The expensive part of a report (stack expansion,
// location, task descriptions) runs only the first time a pair of sites races; later
// occurrences only count.
#include "analyzer/detectors/race_detector.h"

#include <algorithm>
#include <string>

#include "analyzer/hb/engine.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

RaceDetector::RaceDetector(ReportContext& ctx, RaceOptions opts) : ctx_(ctx), opts_(opts) {
  shadow_.set_page_limit(opts_.shadow_page_limit);
}

// The shadow of a batch's accesses is prefetched when the batch is announced, a batch before
// it is checked, so the cache misses overlap the previous batch's work. The page each
// prefetch found is handed to the check (pages only go away at allocs and frees, which are
// Sync records and so never between an announcement and its hand-over).
void RaceDetector::PrefetchAccesses(const Task&, const AccessBatch& b) {
  unsigned slot = next_slot_;
  next_slot_ ^= 1;
  slot_of_[slot] = b.records;
  for (unsigned i = 0; i < b.n; ++i) {
    const Record& r = b.records[i];
    hints_[slot][i] = trace::IsAccessOp(r.op) || trace::IsRunOp(r.op) ? shadow_.Prefetch(r.addr) : nullptr;
  }
}

void RaceDetector::OnAccesses(const Task& t, const AccessBatch& b) {
  ShadowMemory::PageHint* hints = nullptr;
  for (unsigned k = 0; k < 2; ++k)
    if (slot_of_[k] == b.records) {
      hints = hints_[k];
      slot_of_[k] = nullptr;  // used once: a later batch in the same place is not announced
    }
  AccessInfo cur;
  cur.task = t.index;
  cur.clock = t.clock.Get(t.index);
  for (unsigned i = 0; i < b.n; ++i) {
    const Record& r = b.records[i];
    if (trace::IsAccessOp(r.op)) {
      cur.stack = Raw(b.stacks[i]);
      cur.site = r.site;
      cur.size_flags = AccessInfo::Flags(r.size, r.write, false);
      shadow_.Access(r.addr, r.size, cur, t.clock, *this, hints ? hints[i] : nullptr);
    } else if (trace::IsRunOp(r.op)) {
      Run(t, b.stacks[i], r);
    } else if (r.op == trace::kOpRange || r.op == trace::kOpRange + 1) {
      Range(t, b.stacks[i], r.addr, r.size, r.write, false, r.site);
    }
  }
}

// Exactly r.count accesses of r.size bytes, in order, with the stack and epoch of the record.
void RaceDetector::Run(const Task& t, StackId stack, const Record& r) {
  uint64_t n = r.count;
  if (n * r.size > opts_.max_range_bytes) {  // cut as a range access is
    WarnCut(t, "ran through " + std::to_string(n) + " accesses of " + std::to_string(r.size) +
                   " bytes from " + std::to_string(r.addr));
    n = opts_.max_range_bytes / r.size;
  }
  for (uint64_t i = 0, a = r.addr; i < n; ++i, a += r.size)
    Check(t, stack, a, r.size, r.write, false, r.site);
}

void RaceDetector::Range(const Task& t, StackId stack, uint64_t addr, uint64_t size, bool write,
                         bool atomic, uint32_t site) {
  if (size > opts_.max_range_bytes) {
    WarnCut(t, "accessed a range of " + std::to_string(size) + " bytes at " + std::to_string(addr));
    size = opts_.max_range_bytes;
  }
  Check(t, stack, addr, size, write, atomic, site);
}

void RaceDetector::WarnCut(const Task& t, const std::string& what) {
  if (warned_range_) return;
  warned_range_ = true;
  const Engine& e = ctx_.engine();
  e.diag().Warn(e.file().name() + ": task " + std::to_string(Raw(t.id)) + " " + what +
                "; runs and ranges longer than " + std::to_string(opts_.max_range_bytes) +
                " bytes are checked only up to that length");
}

void RaceDetector::OnAtomic(const Task& t, const Record& r) {
  if (!r.size) return;  // a fence
  bool writes = r.atomic_kind == trace::AtomicKind::kStore ||
                r.atomic_kind == trace::AtomicKind::kRmw || r.atomic_kind == trace::AtomicKind::kCasOk;
  if (r.size <= opts_.max_range_bytes)
    Check(t, t.stack, r.addr, r.size, writes, true, r.site);
  else
    Range(t, t.stack, r.addr, r.size, writes, true, r.site);  // cut, with a warning
}

void RaceDetector::OnSync(const Task& t, const Record& r, const SyncContext& ctx) {
  if (r.sync_kind == SyncKind::kAlloc) {
    shadow_.Clear(r.addr, r.arg1);  // a new object: no history
  } else if (r.sync_kind == SyncKind::kFree && ctx.freed) {
    AccessInfo cur;
    cur.task = t.index;
    cur.clock = t.clock.Get(t.index);
    cur.stack = Raw(t.stack);
    cur.site = r.site;
    uint64_t size = std::min(ctx.freed->size, opts_.max_range_bytes);
    cur.size_flags = AccessInfo::Flags(size, true, false);
    in_free_ = true;
    freeing_ = ctx.freed;
    freeing_addr_ = r.addr;
    shadow_.CheckWriteAndClear(r.addr, size, cur, t.clock, *this);
    in_free_ = false;
    freeing_ = nullptr;
  }
}

void RaceDetector::OnFinish(const Engine& e) {
  if (shadow_.hit_page_limit())
    e.diag().Warn(e.file().name() + ": shadow memory limit reached; some accesses were not checked");
}

void RaceDetector::OnRace(const AccessInfo& cur, uint64_t cur_addr, const AccessInfo& prev,
                          uint64_t prev_addr) {
  uint64_t lo = std::min(cur.site, prev.site), hi = std::max(cur.site, prev.site);
  FindingKey key{FindingKind::kDataRace, lo, hi};
  FindingSet& set = ctx_.findings();
  if (!set.Bump(key)) return;
  const Engine& e = ctx_.engine();
  Finding f;
  f.kind = FindingKind::kDataRace;
  for (const AccessInfo* a : {&cur, &prev}) {
    AccessDesc d;
    d.write = a->write();
    d.atomic = a->atomic();
    d.size = a->size();
    d.addr = a == &cur ? cur_addr : prev_addr;
    d.task = e.IdOf(a->task);
    d.free = a == &cur && in_free_;
    d.stack = ctx_.ExpandStack(StackId(a->stack), SiteId(a->site));
    f.accesses.push_back(std::move(d));
  }
  uint64_t at = std::max(cur_addr, prev_addr);
  f.location = freeing_ && at - freeing_addr_ < freeing_->size ? ctx_.DescribeBlock(freeing_addr_, *freeing_)
                                                               : ctx_.Describe(at);
  f.tasks.push_back(ctx_.DescribeTask(e.IdOf(cur.task)));
  if (prev.task != cur.task) f.tasks.push_back(ctx_.DescribeTask(e.IdOf(prev.task)));
  set.Add(key, std::move(f));
}

}  // namespace ccsp::analyzer
