// Vector clock operations; the join is the hot part of every synchronization event.
#include "analyzer/hb/vector_clock.h"

#include <algorithm>

namespace ccsp::analyzer {

void VectorClock::Join(const VectorClock& o) {
  if (&o == this) return;
  size_t n = o.c_.size();
  if (n > c_.size()) {
    if (c_.empty()) {  // a fresh or cleared clock (channel slots, pool items): a copy
      c_.assign(o.c_.begin(), o.c_.end());
      return;
    }
    c_.resize(n, 0);
  }
  ClockValue* __restrict d = c_.data();  // distinct clocks: no overlap
  const ClockValue* __restrict s = o.c_.data();
  for (size_t i = 0; i < n; ++i) d[i] = std::max(d[i], s[i]);
}

bool VectorClock::Empty() const {
  return std::all_of(c_.begin(), c_.end(), [](ClockValue v) { return v == 0; });
}

bool VectorClock::LessEq(const VectorClock& o) const {
  for (size_t i = 0; i < c_.size(); ++i)
    if (c_[i] > o.Get(static_cast<TaskIndex>(i))) return false;
  return true;
}

std::string VectorClock::ToString(const std::vector<TaskId>& task_ids) const {
  std::string s = "{";
  bool first = true;
  for (size_t i = 0; i < c_.size(); ++i) {
    if (c_[i] == 0) continue;
    if (!first) s += ", ";
    first = false;
    uint32_t id = i < task_ids.size() ? Raw(task_ids[i]) : static_cast<uint32_t>(i);
    s += std::to_string(id) + ":" + std::to_string(c_[i]);
  }
  return s + "}";
}

}  // namespace ccsp::analyzer
