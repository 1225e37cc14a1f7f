// Actual deadlocks and leaked tasks (blocked_tasks.h): from the engine's state at the end, the
// stuck set is computed as a fixpoint, then split into wait-for cycles (deadlocks) and the
// rest (leaks).
#include "analyzer/detectors/blocked_tasks.h"

#include <algorithm>
#include <functional>
#include <string>

#include "analyzer/base/scc.h"
#include "analyzer/findings/frames.h"
#include "analyzer/hb/engine.h"
#include "analyzer/reading/names.h"

namespace ccsp::analyzer {

using trace::BlockOp;
using trace::Record;
using trace::SyncKind;

namespace {

bool IsLockWait(uint32_t op) {
  return op == static_cast<uint32_t>(BlockOp::kMutexLock) || op == static_cast<uint32_t>(BlockOp::kRwWrLock) ||
         op == static_cast<uint32_t>(BlockOp::kRwRdLock) || op == static_cast<uint32_t>(BlockOp::kSpinLock);
}

bool Idle(const Task& t) { return t.block.blocked && t.block.op == static_cast<uint32_t>(BlockOp::kIdle); }

uint64_t Mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull; }

}  // namespace

void BlockedTaskDetector::OnSync(const Task&, const Record& r, const SyncContext&) {
  if (r.sync_kind != SyncKind::kAllAsleep) return;
  // Every user task is asleep right now: the wait-for graph of this moment is final.
  Analyze(ctx_.engine());
  analyzed_ = true;
}

// The wait's objects were used after it began: the wake-up may be in flight at the exit. A
// wait-group wait ends only at zero: done() calls that leave the counter above zero cannot
// have ended it.
bool BlockedTaskDetector::TouchedSinceBlock(const Engine& e, const Task& t) const {
  auto touched = [&](ObjectId obj) {
    const SyncObject* o = obj == ObjectId::kNone ? nullptr : e.Object(obj);
    return o && o->last_seq > t.block.seq;
  };
  if (t.block.op == static_cast<uint32_t>(BlockOp::kWgWait)) {
    const SyncObject* o = e.Object(t.block.object);
    if (o && o->wg_counter > 0) return false;
  }
  if (touched(t.block.object)) return true;
  for (const auto& [chan, send] : t.block.select_cases)
    if (touched(chan)) return true;
  return false;
}

// A user of the object, or a task created by a user after its first use, or created by such
// a task after that (transitively): it may hold the object (a captured handle) and use it.
bool BlockedTaskDetector::CouldUse(const Engine& e, const Task& w, const SyncObject& o) const {
  if (o.many_users) return true;
  if (w.internal) {  // the runtime's own thread uses only what it used (timer channels)
    for (const SyncObject::User& u : o.users)
      if (u.task == w.index) return true;
    return false;
  }
  const Task* cur = &w;
  uint64_t before = ~uint64_t{0};  // cur must have had the object before this seq
  for (int depth = 0; cur && depth < 64; ++depth) {
    for (const SyncObject::User& u : o.users)
      if (u.task == cur->index && u.first_seq < before) return true;
    if (!cur->create_seq || cur->create_seq >= before) break;
    before = cur->create_seq;
    const Task* parent = e.FindTask(cur->parent);
    if (parent == cur) break;
    cur = parent;
  }
  return false;
}

std::vector<TaskIndex> BlockedTaskDetector::Wakers(const Engine& e, const Task& t, bool* unknown) const {
  std::vector<TaskIndex> out;
  *unknown = false;
  uint32_t op = t.block.op;
  if (IsLockWait(op)) {
    const SyncObject* o = e.Object(t.block.object);
    if (o && o->writer != kNoTask) out.push_back(o->writer);
    if (o && op != static_cast<uint32_t>(BlockOp::kRwRdLock))
      for (TaskIndex r : o->readers) out.push_back(r);
    if (op == static_cast<uint32_t>(BlockOp::kRwRdLock) && (!o || o->writer == kNoTask)) {
      // Blocked although no writer holds it: the lock prefers a queued writer.
      for (size_t i = 0; i < e.task_count(); ++i) {
        const Task& w = e.task(static_cast<TaskIndex>(i));
        if (!w.ended && w.block.blocked && w.block.op == static_cast<uint32_t>(BlockOp::kRwWrLock) &&
            w.block.object == t.block.object)
          out.push_back(w.index);
      }
    }
    if (out.empty()) *unknown = true;  // a free lock: its wake-up is in flight
    return out;
  }
  if (op == static_cast<uint32_t>(BlockOp::kJoin)) {
    const Task* target = e.TaskOfThread(t.block.object);
    if (!target || target->ended)
      *unknown = true;
    else
      out.push_back(target->index);
    return out;
  }
  // Any other wait: the users of its objects (none for a nil channel or an empty select).
  std::vector<const SyncObject*> objs;
  if (t.block.object != ObjectId::kNone) {
    if (const SyncObject* o = e.Object(t.block.object)) objs.push_back(o);
  }
  for (const auto& [chan, send] : t.block.select_cases)
    if (const SyncObject* o = e.Object(chan)) objs.push_back(o);
  for (size_t i = 0; i < e.task_count(); ++i) {
    const Task& w = e.task(static_cast<TaskIndex>(i));
    if (&w == &t || w.ended || !w.started) continue;
    // A task blocked in the same operation on the same object (two senders on one channel,
    // two waiters of one cond) cannot end this wait before its own is ended by someone else.
    if (w.block.blocked && !w.block.timed && w.block.op == t.block.op && w.block.object == t.block.object &&
        t.block.object != ObjectId::kNone)
      continue;
    for (const SyncObject* o : objs)
      if (CouldUse(e, w, *o)) {
        out.push_back(w.index);
        break;
      }
  }
  return out;
}

void BlockedTaskDetector::OnFinish(const Engine& e) {
  if (analyzed_) return;  // at the all-asleep moment already
  if (!e.file().complete() && !e.saw_exit()) return;
  Analyze(e);
}

void BlockedTaskDetector::Analyze(const Engine& e) {
  size_t n = e.task_count();
  std::vector<bool> stuck(n, false);
  std::vector<std::vector<TaskIndex>> wakers(n);
  for (size_t i = 0; i < n; ++i) {
    const Task& t = e.task(static_cast<TaskIndex>(i));
    if (!t.started || t.ended || t.internal || !t.block.blocked || t.block.timed) continue;
    // Lock and join waits are decided by the lock's holders and the joined task as they are
    // at the end; any other wait whose object was used after it began may have been ended.
    if (!IsLockWait(t.block.op) && t.block.op != static_cast<uint32_t>(BlockOp::kJoin) && TouchedSinceBlock(e, t))
      continue;
    bool unknown = false;
    wakers[i] = Wakers(e, t, &unknown);
    stuck[i] = !unknown;
  }
  // Greatest fixpoint: a task stays stuck while every task that could wake it is stuck.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (!stuck[i]) continue;
      for (TaskIndex w : wakers[i]) {
        const Task& wt = e.task(w);
        if (stuck[w] || wt.ended || (wt.internal && Idle(wt))) continue;
        stuck[i] = false;
        changed = true;
        break;
      }
    }
  }
  // Cycles: strongly connected components of the wait-for graph among stuck tasks.
  std::vector<std::vector<uint32_t>> among_stuck(n);
  for (size_t i = 0; i < n; ++i)
    if (stuck[i])
      for (TaskIndex w : wakers[i])
        if (stuck[w]) among_stuck[i].push_back(w);
  std::vector<uint32_t> comp = StronglyConnected(among_stuck);
  std::vector<std::vector<TaskIndex>> members(n);
  for (size_t i = 0; i < n; ++i)
    if (stuck[i]) members[comp[i]].push_back(static_cast<TaskIndex>(i));
  std::vector<bool> in_cycle(n, false);
  for (const std::vector<TaskIndex>& m : members) {
    if (m.empty()) continue;
    bool self = m.size() == 1 && std::count(wakers[m[0]].begin(), wakers[m[0]].end(), m[0]) > 0;
    if (m.size() < 2 && !self) continue;
    for (TaskIndex t : m) in_cycle[t] = true;
    ReportCycle(e, m, wakers, stuck);
  }
  // At the all-asleep moment the runtime's report already names every blocked task: only the
  // cycles add to it.
  if (e.saw_all_asleep()) return;
  for (size_t i = 0; i < n; ++i)
    if (stuck[i] && !in_cycle[i]) ReportLeak(e.task(static_cast<TaskIndex>(i)));
}

void BlockedTaskDetector::ReportCycle(const Engine& e, const std::vector<TaskIndex>& cycle,
                                      const std::vector<std::vector<TaskIndex>>& wakers,
                                      const std::vector<bool>& stuck) {
  uint64_t key_sites = 0;
  for (TaskIndex i : cycle) key_sites += Mix(Raw(e.task(i).block.site), e.task(i).block.op);
  FindingKey key{FindingKind::kWaitDeadlock, key_sites, cycle.size()};
  if (!ctx_.findings().Bump(key)) return;
  Finding f;
  f.kind = FindingKind::kWaitDeadlock;
  if (cycle.size() == 1) {
    const Task& t = e.task(cycle[0]);
    f.message = "task " + ToString(t.id) + " waits for itself forever (" +
                BlockOpWords(t.block.op, Raw(t.block.object), t.block.select_cases.size()) + ")";
  } else {
    f.message = std::to_string(cycle.size()) + " tasks wait for each other forever";
  }
  for (TaskIndex i : cycle) {
    const Task& t = e.task(i);
    WaitDesc w;
    w.task = t.id;
    w.op = BlockOpWords(t.block.op, Raw(t.block.object), t.block.select_cases.size());
    w.object = t.block.object;
    w.stack = ctx_.ExpandStack(t.block.stack, t.block.site);
    for (TaskIndex k : wakers[i])
      if (stuck[k] && std::find(cycle.begin(), cycle.end(), k) != cycle.end()) w.waits_for.push_back(e.IdOf(k));
    for (const HeldLock& h : t.held) w.holding.push_back(HeldDesc{h.lock, h.read, ctx_.ExpandStack(h.stack, h.site)});
    f.waits.push_back(std::move(w));
    f.tasks.push_back(ctx_.DescribeBlocked(t));
  }
  ctx_.findings().Add(key, std::move(f));
}

// One report per innermost user frame and operation (several tasks leaked at one line of the
// user's code are one report with a count), saying why nothing can wake them.
void BlockedTaskDetector::ReportLeak(const Task& t) {
  TaskDesc d = ctx_.DescribeBlocked(t);
  uint64_t where = 0;
  if (const Frame* f = InnermostUserFrame(d.stack))
    where = Mix(Mix(std::hash<std::string>()(f->file), f->line), std::hash<std::string>()(f->function));
  else
    where = t.block.site != SiteId::kUnknown ? Raw(t.block.site) : (uint64_t{1} << 40) | Raw(t.block.stack);
  FindingKey key{FindingKind::kLeak, where, t.block.op};
  if (!ctx_.findings().Bump(key)) return;
  Finding f;
  f.kind = FindingKind::kLeak;
  f.misuse = BlockOpName(t.block.op);
  std::string words = BlockOpWords(t.block.op, Raw(t.block.object), t.block.select_cases.size());
  std::string why;
  uint32_t op = t.block.op;
  if (IsLockWait(op))
    why = "the lock's holder can never release it";
  else if (op == static_cast<uint32_t>(BlockOp::kJoin))
    why = "the joined task is blocked forever";
  else if (t.block.object == ObjectId::kNone && t.block.select_cases.empty())
    why = "nothing can ever complete it";
  else if (op == static_cast<uint32_t>(BlockOp::kWgWait))
    why = "the counter is owed by tasks that exited or are blocked forever";
  else
    why = "no live task can still use the object";
  f.message = "task " + ToString(t.id) + " is blocked forever in " + words;
  f.reason = why;
  f.task = t.id;
  f.object = t.block.object;
  f.stack = d.stack;
  d.op = words;
  f.tasks.push_back(std::move(d));
  ctx_.findings().Add(key, std::move(f));
}

}  // namespace ccsp::analyzer
