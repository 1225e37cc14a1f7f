// Block profile (block_profile.h). At a BlockEnd the engine has ended the task's block state
// but kept what it recorded at the BlockBegin: the operation, its time, stack and site.
#include "analyzer/profiles/block_profile.h"

namespace ccsp::analyzer {

using trace::BlockOp;

void BlockProfile::OnSync(const Task& t, const trace::Record& r, const SyncContext&) {
  if (t.internal || static_cast<int64_t>(r.ts) > AtNs()) return;
  const BlockState& b = t.block;
  // Only the end of the wait the engine recorded (not a stray BlockEnd), and only once.
  if (b.seq == 0 || b.op != r.arg1) return;
  if (t.index >= ended_.size()) ended_.resize(t.index + 1, 0);
  if (ended_[t.index] == b.seq) return;
  ended_[t.index] = b.seq;
  // Sleeping is not blocking, as in Go; kIdle is a runtime-internal task with nothing to do.
  if (static_cast<BlockOp>(b.op) == BlockOp::kSleep || static_cast<BlockOp>(b.op) == BlockOp::kIdle) return;
  auto& row = table_.At(b.stack, b.site);
  row[0] += 1;
  row[1] += r.ts > b.ts ? static_cast<int64_t>(r.ts - b.ts) : 0;
}

std::string BlockProfile::Build(const Engine& engine, profiles::PprofProfile& p) {
  p.AddSampleType("contentions", "count");
  p.AddSampleType("delay", "nanoseconds");
  p.SetDefaultSampleType("delay");
  p.SetPeriod("contentions", "count", 1);
  DescribeTrace(engine, p, options().at_seconds >= 0 ? AtNs() : -1);
  p.AddComment("ccsp block profile: exact (every wait is in the trace); sleeping is not blocking");
  ProfileStacks stacks(engine, p);
  table_.ForEach([&](StackId stack, SiteId site, const StackTable<2>::Row& row) {
    p.AddSample(stacks.Locations(stack, site), row);
  });
  return {};
}

}  // namespace ccsp::analyzer
