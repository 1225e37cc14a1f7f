// Tasks blocked forever: actual deadlocks (wait-for cycles) and leaked tasks, decided at the
// end of a trace that ended normally, and at the moment the runtime's watchdog found every
// task asleep.
//
// Who can end a wait. A lock wait (mutex, rwlock, spin lock) waits for the lock's holders
// (a read lock that blocks while no writer holds the lock waits for the queued writers: the
// lock prefers writers); a join waits for the joined task. Any other wait (channel, select,
// cond, wait group, semaphore, barrier, once) can be ended by a task that has used one of
// its objects, or that was created by such a task after that use (it may have captured the
// object), while the task is alive. Nothing ends a wait on a nil channel or an empty select.
//
// A blocked task is stuck when it waits without a timeout, the object was not touched by an
// event after its wait began (else the wake-up may be in flight at the exit), and every task
// that could end its wait is stuck too (the greatest such set: a fixpoint). Runtime-internal
// tasks are never stuck and never reported; one idle with nothing pending ends no wait.
// Among stuck tasks, those on a wait-for cycle (a task waiting for itself included: a mutex
// locked twice) are a deadlock, one report per cycle; the others are leaked, one report per
// innermost user frame and operation, with a count. Never reported for a trace cut short;
// at the all-asleep moment only cycles are (the runtime's report names every blocked task).
// A task blocked in the same operation on the same object as another (two senders on one
// channel) is never taken to be able to end the other's wait.
#pragma once

#include <cstdint>
#include <vector>

#include "analyzer/findings/report_context.h"
#include "analyzer/hb/consumer.h"

namespace ccsp::analyzer {

class BlockedTaskDetector final : public Consumer {
 public:
  explicit BlockedTaskDetector(ReportContext& ctx) : ctx_(ctx) {}

  // Everything it needs is the engine's state at the end (block states, holders, users and
  // the latest use of each object); the one event it acts on is the watchdog's.
  uint32_t interests() const override { return kSyncs; }
  bool WantsSync(trace::SyncKind k) const override { return k == trace::SyncKind::kAllAsleep; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext&) override;
  void OnFinish(const Engine& e) override;

 private:
  bool TouchedSinceBlock(const Engine& e, const Task& t) const;
  // Whether task `w` could end a wait on the object (it used it, or descends from a user).
  bool CouldUse(const Engine& e, const Task& w, const SyncObject& o) const;
  // The tasks that could end t's wait; `unknown` when the engine cannot tell (then t is
  // never stuck).
  std::vector<TaskIndex> Wakers(const Engine& e, const Task& t, bool* unknown) const;
  void Analyze(const Engine& e);
  void ReportCycle(const Engine& e, const std::vector<TaskIndex>& cycle,
                   const std::vector<std::vector<TaskIndex>>& wakers, const std::vector<bool>& stuck);
  void ReportLeak(const Task& t);

  ReportContext& ctx_;
  bool analyzed_ = false;
};

}  // namespace ccsp::analyzer
