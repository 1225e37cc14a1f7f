// Task profile (task_profile.h). The state at --at is each task's state after its last sync
// event at or before that time: exact per task, whatever order the replay merged them in.
#include "analyzer/profiles/task_profile.h"

#include <map>
#include <string>
#include <tuple>

#include "analyzer/reading/names.h"

namespace ccsp::analyzer {

TaskProfile::State TaskProfile::Of(const Task& t) {
  State s;
  s.seen = true;
  s.started = t.started;
  s.ended = t.ended;
  s.internal = t.internal;
  s.blocked = t.block.blocked;
  if (s.blocked) {
    s.op = t.block.op;
    s.stack = t.block.stack;
    s.site = t.block.site;
  } else if (!t.started) {
    s.stack = t.create_stack;
    s.site = t.create_site;
  } else {
    s.stack = t.stack;
  }
  return s;
}

void TaskProfile::OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) {
  if (static_cast<int64_t>(r.ts) > AtNs()) return;
  if (t.index >= at_.size()) at_.resize(t.index + 1);
  at_[t.index] = Of(t);
  // A child created now is alive (not started) from here on.
  if (r.sync_kind == trace::SyncKind::kTaskCreate && ctx.other) {
    const Task& child = *ctx.other;
    if (child.index >= at_.size()) at_.resize(child.index + 1);
    if (!at_[child.index].seen) at_[child.index] = Of(child);
  }
}

std::string TaskProfile::Build(const Engine& engine, profiles::PprofProfile& p) {
  p.AddSampleType("goroutine", "count");
  p.SetPeriod("goroutine", "count", 1);
  bool at = options().at_seconds >= 0;
  DescribeTrace(engine, p, at ? AtNs() : -1);
  p.AddComment(at ? "ccsp task profile: live tasks at --at=" + std::to_string(options().at_seconds) + " s"
                  : std::string("ccsp task profile: live tasks at the end of the trace"));
  // (stack, site, state) -> count, in a stable order.
  std::map<std::tuple<uint32_t, uint32_t, std::string>, int64_t> counts;
  for (size_t i = 0; i < engine.task_count(); ++i) {
    State s = at ? (i < at_.size() ? at_[i] : State{}) : Of(engine.task(static_cast<TaskIndex>(i)));
    if (!s.seen || s.ended || s.internal) continue;
    if (!s.started && !engine.task(static_cast<TaskIndex>(i)).has_creation) continue;
    std::string state = s.blocked ? BlockOpName(s.op) : s.started ? "running" : "not started";
    ++counts[{Raw(s.stack), Raw(s.site), state}];
  }
  ProfileStacks stacks(engine, p);
  for (const auto& [key, n] : counts) {
    const auto& [stack, site, state] = key;
    profiles::Label label = profiles::Label::Str("state", state);
    int64_t value = n;
    p.AddSample(stacks.Locations(StackId(stack), SiteId(site)), {&value, 1}, {&label, 1});
  }
  return {};
}

}  // namespace ccsp::analyzer
