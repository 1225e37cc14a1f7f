// Conditions the runtime detected itself and recorded: misuse (kMisuse + a kMetaPanic
// message) and the all-asleep watchdog (kAllAsleep). They become findings of kind "misuse"
// and "all-asleep" with the same shape as races (stacks, tasks).
#include <string>

#include "analyzer/names.h"
#include "analyzer/replay.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

namespace {

// The first panic message of `task` not yet attached to a finding (or, with a predicate
// on the message, any matching one).
template <class Pred>
std::string TakePanic(const Metadata& meta, std::vector<bool>& used, uint32_t task, Pred pred) {
  used.resize(meta.panics.size());
  for (size_t i = 0; i < meta.panics.size(); ++i)
    if (!used[i] && meta.panics[i].task == task) {
      used[i] = true;
      return meta.String(meta.panics[i].message);
    }
  for (size_t i = 0; i < meta.panics.size(); ++i)
    if (!used[i] && pred(meta.String(meta.panics[i].message))) {
      used[i] = true;
      return meta.String(meta.panics[i].message);
    }
  return std::string();
}

}  // namespace

void Replay::ApplyRuntimeFinding(TaskState& t, const Record& r) {
  if (r.sync_kind == SyncKind::kMisuse) {
    FindingKey key{FindingKind::kMisuse, r.arg1, r.site ? r.site : (uint64_t{1} << 40) | t.stack};
    std::string msg = TakePanic(meta_, panic_used_, t.id, [](const std::string&) { return false; });
    if (!findings_.Bump(key)) return;
    Finding f;
    f.kind = FindingKind::kMisuse;
    f.misuse = MisuseName(r.arg1);
    f.message = msg.empty() ? MisuseDescription(r.arg1) : msg;
    f.task = t.id;
    f.object = r.addr;
    f.stack = ExpandStack(t.stack, r.site);
    f.tasks.push_back(DescribeTask(t.id));
    findings_.Add(key, std::move(f));
    return;
  }
  // kAllAsleep: every task still blocked is part of the report.
  FindingKey key{FindingKind::kAllAsleep, 0, 0};
  std::string msg = TakePanic(meta_, panic_used_, t.id, [](const std::string& m) {
    return m.find("asleep") != std::string::npos;
  });
  if (!findings_.Bump(key)) return;
  Finding f;
  f.kind = FindingKind::kAllAsleep;
  f.misuse = "all-asleep";
  f.message = msg.empty() ? "all tasks are asleep - deadlock!" : msg;
  f.task = t.id;
  for (const auto& bt : tasks_) {
    if (!bt->blocked || bt->ended) continue;
    TaskDesc d = DescribeTask(bt->id);
    d.op = BlockOpName(bt->block_op);
    d.object = bt->block_obj;
    d.stack = ExpandStack(bt->block_stack, bt->block_site);
    f.tasks.push_back(std::move(d));
  }
  findings_.Add(key, std::move(f));
}

// Panic messages that no misuse/all-asleep record claimed (e.g. the trace was cut between
// the message and the event) are still reported, without a stack.
void Replay::AddUnmatchedPanics() {
  panic_used_.resize(meta_.panics.size());
  for (size_t i = 0; i < meta_.panics.size(); ++i) {
    if (panic_used_[i]) continue;
    const PanicInfo& p = meta_.panics[i];
    FindingKey key{FindingKind::kMisuse, ~uint64_t{0}, p.message};
    if (!findings_.Bump(key)) continue;
    Finding f;
    f.kind = FindingKind::kMisuse;
    f.misuse = "panic";
    f.message = meta_.String(p.message);
    f.task = p.task;
    if (FindTask(p.task)) f.tasks.push_back(DescribeTask(p.task));
    findings_.Add(key, std::move(f));
  }
}

}  // namespace ccsp::analyzer
