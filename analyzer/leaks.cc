// Leaked tasks: when the program exits, a task still asleep in a blocking operation that
// nothing can end is leaked — Go's goroutine leak. A task is stuck when it is blocked without
// a timeout and nothing touched what it waits on after the wait began (otherwise the wake-up
// may simply not have been recorded before the exit). Leaks are reported only when every
// task but the exiting one is finished or stuck: a task still running (or in a timed wait)
// at the exit might have woken any of them. Never reported for traces without a normal exit
// (a crash cuts every task short) or after an all-asleep deadlock (already reported).
#include <string>

#include "analyzer/names.h"
#include "analyzer/replay.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

namespace {

template <class F>
void ForEachWaitObject(const TaskState& t, F f) {
  if (t.block_obj) f(t.block_obj);
  for (const auto& [chan, send] : t.select_cases)
    if (chan && chan != t.block_obj) f(chan);
}

}  // namespace

void Replay::WatchBlock(const TaskState& t) {
  ForEachWaitObject(t, [&](uint64_t obj) { ++watched_[obj].waiters; });
}

void Replay::UnwatchBlock(const TaskState& t) {
  ForEachWaitObject(t, [&](uint64_t obj) {
    auto it = watched_.find(obj);
    if (it != watched_.end() && --it->second.waiters == 0) watched_.erase(it);
  });
}

void Replay::TouchWatched(const Record& r) {
  switch (r.sync_kind) {
    case SyncKind::kBlockBegin:
    case SyncKind::kBlockEnd:
    case SyncKind::kSelectCase:
      return;
    default:
      break;
  }
  auto it = watched_.find(r.addr);
  if (it != watched_.end()) it->second.last_touch = r.seq;
}

void Replay::AddLeaks() {
  if (!file_.complete() && !saw_exit_) return;
  for (const Finding& f : findings_.findings())
    if (f.kind == FindingKind::kAllAsleep) return;
  auto stuck = [&](const TaskState& t) {
    if (!t.blocked || t.block_timed) return false;
    bool touched = false;
    ForEachWaitObject(t, [&](uint64_t obj) {
      auto it = watched_.find(obj);
      touched |= it != watched_.end() && it->second.last_touch > t.block_seq;
    });
    return !touched;
  };
  for (const auto& tp : tasks_)
    if (tp->started && !tp->ended && !stuck(*tp)) return;  // alive: could still wake the others
  for (const auto& tp : tasks_) {
    const TaskState& t = *tp;
    if (t.ended || !stuck(t)) continue;
    FindingKey key{FindingKind::kLeak, t.block_site ? t.block_site : (uint64_t{1} << 40) | t.block_stack,
                   t.block_op};
    if (!findings_.Bump(key)) continue;
    Finding f;
    f.kind = FindingKind::kLeak;
    f.misuse = BlockOpName(t.block_op);
    f.message = "task " + std::to_string(t.id) + " is blocked forever in " + f.misuse;
    f.task = t.id;
    f.object = t.block_obj;
    TaskDesc d = DescribeTask(t.id);
    d.op = f.misuse;
    d.object = t.block_obj;
    d.stack = ExpandStack(t.block_stack, t.block_site);
    f.stack = d.stack;
    f.tasks.push_back(std::move(d));
    findings_.Add(key, std::move(f));
  }
}

}  // namespace ccsp::analyzer
