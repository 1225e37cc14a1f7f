// Runtime-detected misuse and all-asleep deadlocks as findings (misuse.h).
#include "analyzer/detectors/misuse.h"

#include "analyzer/hb/engine.h"
#include "analyzer/reading/names.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

// The first panic message of `task` not yet attached to a finding (or, with a predicate on
// the message, any matching one).
template <class Pred>
std::string MisuseDetector::TakePanic(TaskId task, Pred pred) {
  const Metadata& meta = ctx_.engine().meta();
  panic_used_.resize(meta.panics.size());
  for (size_t i = 0; i < meta.panics.size(); ++i)
    if (!panic_used_[i] && meta.panics[i].task == Raw(task) &&
        (pred(meta.String(meta.panics[i].message)) ||
         meta.String(meta.panics[i].message).find("all tasks are asleep") == std::string::npos)) {
      panic_used_[i] = true;
      return meta.String(meta.panics[i].message);
    }
  for (size_t i = 0; i < meta.panics.size(); ++i)
    if (!panic_used_[i] && pred(meta.String(meta.panics[i].message))) {
      panic_used_[i] = true;
      return meta.String(meta.panics[i].message);
    }
  return std::string();
}

void MisuseDetector::OnSync(const Task& t, const Record& r, const SyncContext&) {
  if (r.sync_kind == SyncKind::kAllAsleep) return AllAsleep(t);
  if (r.sync_kind != SyncKind::kMisuse) return;
  FindingKey key{FindingKind::kMisuse, r.arg1, r.site ? r.site : (uint64_t{1} << 40) | Raw(t.stack)};
  // Only the Go-style misuse kinds panic with a message; lock misuse (a double lock, an
  // unlock of an unlocked mutex) records none and must not take another report's message
  // (the watchdog's, when the same task reports all-asleep).
  using trace::MisuseKind;
  auto kind = static_cast<MisuseKind>(r.arg1);
  bool panics = kind == MisuseKind::kNegativeWaitGroup || kind == MisuseKind::kSendOnClosed ||
                kind == MisuseKind::kCloseClosed || kind == MisuseKind::kCloseNil || kind == MisuseKind::kPanic;
  std::string msg = panics ? TakePanic(t.id, [](const std::string&) { return false; }) : std::string();
  if (!ctx_.findings().Bump(key)) return;
  Finding f;
  f.kind = FindingKind::kMisuse;
  f.misuse = MisuseName(r.arg1);
  f.message = msg.empty() ? MisuseDescription(r.arg1) : msg;
  f.task = t.id;
  f.object = ObjectId(r.addr);
  f.stack = ctx_.ExpandStack(t.stack, SiteId(r.site));
  f.tasks.push_back(ctx_.DescribeTask(t.id));
  ctx_.findings().Add(key, std::move(f));
}

// Every task still blocked is part of the report.
void MisuseDetector::AllAsleep(const Task& t) {
  FindingKey key{FindingKind::kAllAsleep, 0, 0};
  std::string msg = TakePanic(t.id, [](const std::string& m) { return m.find("asleep") != std::string::npos; });
  if (!ctx_.findings().Bump(key)) return;
  Finding f;
  f.kind = FindingKind::kAllAsleep;
  f.misuse = "all-asleep";
  f.message = msg.empty() ? "all tasks are asleep - deadlock!" : msg;
  f.task = t.id;
  const Engine& e = ctx_.engine();
  for (size_t i = 0; i < e.task_count(); ++i) {
    const Task& bt = e.task(static_cast<TaskIndex>(i));
    if (bt.block.blocked && !bt.ended && !bt.internal) f.tasks.push_back(ctx_.DescribeBlocked(bt));
  }
  ctx_.findings().Add(key, std::move(f));
}

void MisuseDetector::OnFinish(const Engine& e) {
  const Metadata& meta = e.meta();
  panic_used_.resize(meta.panics.size());
  for (size_t i = 0; i < meta.panics.size(); ++i) {
    if (panic_used_[i]) continue;
    const PanicInfo& p = meta.panics[i];
    FindingKey key{FindingKind::kMisuse, ~uint64_t{0}, p.message};
    if (!ctx_.findings().Bump(key)) continue;
    Finding f;
    f.kind = FindingKind::kMisuse;
    f.misuse = "panic";
    f.message = meta.String(p.message);
    f.task = TaskId(p.task);
    if (e.FindTask(f.task)) f.tasks.push_back(ctx_.DescribeTask(f.task));
    ctx_.findings().Add(key, std::move(f));
  }
}

}  // namespace ccsp::analyzer
