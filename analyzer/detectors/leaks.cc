// Leaked tasks at exit (leaks.h): the objects blocked tasks wait on are watched, and every
// later event on one of them is a touch.
#include "analyzer/detectors/leaks.h"

#include <string>

#include "analyzer/hb/engine.h"
#include "analyzer/reading/names.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

void LeakDetector::OnSync(const Task& t, const Record& r, const SyncContext&) {
  switch (r.sync_kind) {
    case SyncKind::kBlockBegin:
      Unwatch(t.index);
      Watch(t);
      return;
    case SyncKind::kBlockEnd:
      Unwatch(t.index);
      return;
    case SyncKind::kSelectCase:
      return;
    default:
      break;
  }
  if (!watched_.empty()) {
    auto it = watched_.find(r.addr);
    if (it != watched_.end()) it->second.last_touch = r.seq;
  }
  if (r.sync_kind == SyncKind::kTaskEnd || r.sync_kind == SyncKind::kProcessExit) Unwatch(t.index);
}

void LeakDetector::Watch(const Task& t) {
  std::vector<uint64_t>& objs = waits_[t.index];
  uint64_t main = Raw(t.block.object);
  if (main) objs.push_back(main);
  for (const auto& [chan, send] : t.block.select_cases)
    if (Raw(chan) && Raw(chan) != main) objs.push_back(Raw(chan));
  for (uint64_t o : objs) ++watched_[o].waiters;
}

void LeakDetector::Unwatch(TaskIndex task) {
  auto w = waits_.find(task);
  if (w == waits_.end()) return;
  for (uint64_t o : w->second) {
    auto it = watched_.find(o);
    if (it != watched_.end() && --it->second.waiters == 0) watched_.erase(it);
  }
  waits_.erase(w);
}

bool LeakDetector::Stuck(const Task& t) const {
  if (!t.block.blocked || t.block.timed) return false;
  auto w = waits_.find(t.index);
  if (w == waits_.end()) return true;
  for (uint64_t o : w->second) {
    auto it = watched_.find(o);
    if (it != watched_.end() && it->second.last_touch > t.block.seq) return false;
  }
  return true;
}

void LeakDetector::OnFinish(const Engine& e) {
  if (!e.file().complete() && !e.saw_exit()) return;
  if (e.saw_all_asleep()) return;
  for (size_t i = 0; i < e.task_count(); ++i) {
    const Task& t = e.task(static_cast<TaskIndex>(i));
    if (t.started && !t.ended && !Stuck(t)) return;  // alive: could still wake the others
  }
  for (size_t i = 0; i < e.task_count(); ++i) {
    const Task& t = e.task(static_cast<TaskIndex>(i));
    if (t.ended || !Stuck(t)) continue;
    uint64_t where = t.block.site != SiteId::kUnknown ? Raw(t.block.site) : (uint64_t{1} << 40) | Raw(t.block.stack);
    FindingKey key{FindingKind::kLeak, where, t.block.op};
    if (!ctx_.findings().Bump(key)) continue;
    Finding f;
    f.kind = FindingKind::kLeak;
    f.misuse = BlockOpName(t.block.op);
    f.message = "task " + std::to_string(Raw(t.id)) + " is blocked forever in " + f.misuse;
    f.task = t.id;
    f.object = t.block.object;
    TaskDesc d = ctx_.DescribeBlocked(t);
    f.stack = d.stack;
    f.tasks.push_back(std::move(d));
    ctx_.findings().Add(key, std::move(f));
  }
}

}  // namespace ccsp::analyzer
