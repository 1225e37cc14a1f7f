// Race findings: the expensive part (stack expansion, location, task descriptions) runs only
// the first time a pair of sites races; later occurrences only count.
#include "analyzer/race_detector.h"

#include <algorithm>

#include "analyzer/replay.h"

namespace ccsp::analyzer {

void RaceDetector::OnAccess(const TaskState& t, uint64_t addr, uint64_t size, bool write,
                            bool atomic, uint32_t site) {
  OnAccess(t.index, t.clock, t.stack, addr, size, write, atomic, site);
}

void RaceDetector::OnFree(const TaskState& t, uint64_t addr, uint64_t size, uint32_t site) {
  AccessInfo cur;
  cur.task = t.index;
  cur.clock = t.clock.Get(t.index);
  cur.stack = t.stack;
  cur.site = site;
  cur.size_flags = AccessInfo::Flags(size, true, false);
  in_free_ = true;
  shadow_.CheckWriteAndClear(addr, size, cur, t.clock, *this);
  in_free_ = false;
}

void RaceDetector::OnRace(const AccessInfo& cur, uint64_t cur_addr, const AccessInfo& prev,
                          uint64_t prev_addr) {
  uint64_t lo = std::min(cur.site, prev.site), hi = std::max(cur.site, prev.site);
  FindingKey key{FindingKind::kDataRace, lo, hi};
  if (!replay_.findings().Bump(key)) return;
  const std::vector<uint32_t>& ids = replay_.task_ids();
  auto id_of = [&](TaskIndex i) { return i < ids.size() ? ids[i] : 0; };

  Finding f;
  f.kind = FindingKind::kDataRace;
  for (const auto* a : {&cur, &prev}) {
    AccessDesc d;
    d.write = a->write();
    d.atomic = a->atomic();
    d.size = a->size();
    d.addr = a == &cur ? cur_addr : prev_addr;
    d.task = id_of(a->task);
    d.free = a == &cur && in_free_;
    d.stack = replay_.ExpandStack(a->stack, a->site);
    f.accesses.push_back(std::move(d));
  }
  f.location = replay_.Describe(std::max(cur_addr, prev_addr));
  f.tasks.push_back(replay_.DescribeTask(id_of(cur.task)));
  if (prev.task != cur.task) f.tasks.push_back(replay_.DescribeTask(id_of(prev.task)));
  replay_.findings().Add(key, std::move(f));
}

}  // namespace ccsp::analyzer
