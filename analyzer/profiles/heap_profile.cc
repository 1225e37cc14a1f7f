// Heap and allocs profiles (heap_profile.h). A free finds its block's allocation stack and
// site in SyncContext::freed (the engine's live-block table), so the consumer keeps no table
// of its own: its memory is one row per allocation stack.
#include "analyzer/profiles/heap_profile.h"

namespace ccsp::analyzer {

using trace::AllocKind;
using trace::SyncKind;

void HeapProfile::OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) {
  if (static_cast<int64_t>(r.ts) > AtNs()) return;
  if (r.sync_kind == SyncKind::kAlloc) {
    if (static_cast<AllocKind>(r.arg2) == AllocKind::kMmap) return;
    auto& row = table_.At(t.stack, SiteId(r.site));
    int64_t size = static_cast<int64_t>(r.arg1);
    row[0] += 1;
    row[1] += size;
    row[2] += 1;
    row[3] += size;
  } else if (const HeapBlock* b = ctx.freed) {
    if (b->kind == AllocKind::kMmap || b->task_stack) return;
    auto& row = table_.At(b->stack, b->site);
    row[2] -= 1;
    row[3] -= static_cast<int64_t>(b->size);
  }
}

std::string HeapProfile::Build(const Engine& engine, profiles::PprofProfile& p) {
  p.AddSampleType("alloc_objects", "count");
  p.AddSampleType("alloc_space", "bytes");
  p.AddSampleType("inuse_objects", "count");
  p.AddSampleType("inuse_space", "bytes");
  p.SetDefaultSampleType(kind() == ProfileKind::kHeap ? "inuse_space" : "alloc_space");
  p.SetPeriod("space", "bytes", 1);
  DescribeTrace(engine, p, options().at_seconds >= 0 ? AtNs() : -1);
  p.AddComment("ccsp heap profile: exact, not sampled (every allocation and free is in the trace)");
  ProfileStacks stacks(engine, p);
  table_.ForEach([&](StackId stack, SiteId site, const StackTable<4>::Row& row) {
    p.AddSample(stacks.Locations(stack, site), row);
  });
  return {};
}

}  // namespace ccsp::analyzer
