// Location and task descriptions for findings (report_context.h).
#include "analyzer/findings/report_context.h"

#include "analyzer/reading/names.h"

namespace ccsp::analyzer {

Location ReportContext::Describe(uint64_t addr) const {
  Location loc;
  const Metadata& meta = engine_.meta();
  if (const GlobalInfo* g = meta.GlobalAt(addr)) {
    loc.kind = LocationKind::kGlobal;
    loc.addr = g->addr;
    loc.size = g->size;
    loc.name = meta.String(g->name);
    loc.file = meta.String(g->file);
    loc.line = g->line;
    return loc;
  }
  uint64_t start = 0;
  if (const HeapBlock* b = engine_.heap().Containing(addr, &start)) return DescribeBlock(start, *b);
  loc.addr = addr;
  return loc;
}

Location ReportContext::DescribeBlock(uint64_t start, const HeapBlock& b) const {
  Location loc;
  loc.kind = b.task_stack ? LocationKind::kStack : LocationKind::kHeap;
  loc.addr = start;
  loc.size = b.size;
  loc.task = b.task;
  if (!b.task_stack) loc.alloc_stack = ExpandStack(b.stack, b.site);
  return loc;
}

TaskDesc ReportContext::DescribeTask(TaskId id) const {
  TaskDesc d;
  d.id = id;
  d.name = engine_.meta().TaskName(Raw(id));
  if (const Task* t = engine_.FindTask(id)) {
    d.created_by = t->parent;
    d.running = !t->ended;
    d.blocked = d.running && t->block.blocked;
    if (t->has_creation) d.creation_stack = ExpandStack(t->create_stack, t->create_site);
  }
  return d;
}

TaskDesc ReportContext::DescribeBlocked(const Task& t) const {
  TaskDesc d = DescribeTask(t.id);
  d.op = BlockOpName(t.block.op);
  d.object = t.block.object;
  d.stack = ExpandStack(t.block.stack, t.block.site);
  return d;
}

}  // namespace ccsp::analyzer
