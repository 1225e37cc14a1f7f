// Vector clocks and FastTrack epochs, indexed by a dense task index (not the runtime's task
// id: ids from a trace are untrusted and may be sparse, indices are 0..tasks-1).
// A clock grows on demand; components it does not hold are 0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ccsp::analyzer {

using TaskIndex = uint32_t;
inline constexpr TaskIndex kNoTask = 0xffffffffu;

// One task's logical time: "task `task` at its clock `clock`".
struct Epoch {
  TaskIndex task = kNoTask;
  uint32_t clock = 0;
};

class VectorClock {
 public:
  uint32_t Get(TaskIndex t) const { return t < c_.size() ? c_[t] : 0; }
  void Set(TaskIndex t, uint32_t v) {
    if (t >= c_.size()) c_.resize(t + 1, 0);
    c_[t] = v;
  }
  void Tick(TaskIndex t) { Set(t, Get(t) + 1); }
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
  std::string ToString(const std::vector<uint32_t>& task_ids) const;

 private:
  std::vector<uint32_t> c_;
};

}  // namespace ccsp::analyzer
