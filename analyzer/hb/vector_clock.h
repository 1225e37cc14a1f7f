// Vector clocks and FastTrack epochs, indexed by a dense task index (not the runtime's task
// id: ids from a trace are untrusted and may be sparse, indices are 0..tasks-1).
// A clock grows on demand; components it does not hold are 0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/base/ids.h"

namespace ccsp::analyzer {

// A task's logical time. It advances once per synchronization record of the task (and per
// atomic store), never per access. 32 bits keep the shadow's cells at 24 bytes; the value is
// checked, never wrapped: a task whose clock would pass kMaxClock makes Tick report it (the
// engine stops with an error naming the task), so a verdict is never computed on wrapped time.
using ClockValue = uint32_t;
inline constexpr ClockValue kMaxClock = ~ClockValue{0} - 1;

// One task's logical time: "task `task` at its clock `clock`".
struct Epoch {
  TaskIndex task = kNoTask;
  ClockValue clock = 0;
};

class VectorClock {
 public:
  ClockValue Get(TaskIndex t) const { return t < c_.size() ? c_[t] : 0; }
  void Set(TaskIndex t, ClockValue v) {
    if (t >= c_.size()) c_.resize(t + 1, 0);
    c_[t] = v;
  }
  // Advances t's component; false (and no change) when it is at kMaxClock already.
  [[nodiscard]] bool Tick(TaskIndex t) {
    ClockValue v = Get(t);
    if (__builtin_expect(v >= kMaxClock, 0)) return false;
    Set(t, v + 1);
    return true;
  }
  // Pointwise maximum: this = this ⊔ o.
  void Join(const VectorClock& o);
  // this = o (reuses storage).
  void CopyFrom(const VectorClock& o) { c_.assign(o.c_.begin(), o.c_.end()); }
  void Clear() { c_.clear(); }
  bool Empty() const;
  // True when every component of this is <= the one of o (this happens-before-or-equals o).
  bool LessEq(const VectorClock& o) const;
  // Epoch e happens-before-or-equals this clock.
  bool Covers(Epoch e) const { return e.task == kNoTask || e.clock <= Get(e.task); }
  size_t size() const { return c_.size(); }
  // "{0:3, 1:5}" with the caller's names for indices (dense index -> task id).
  std::string ToString(const std::vector<TaskId>& task_ids) const;

 private:
  std::vector<ClockValue> c_;
};

}  // namespace ccsp::analyzer
