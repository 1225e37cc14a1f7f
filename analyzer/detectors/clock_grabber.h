// The consumer of a lock-free second look (lock order, lock + channel order): it captures the
// task clock at each wanted Sync record (by seq, unique among Sync records) in a replay
// without mutex and rwlock edges, and answers whether one such event happens before another
// by everything else (task start/join, channels, wait groups, conditions, atomics).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "analyzer/hb/consumer.h"

namespace ccsp::analyzer {

class ClockGrabber final : public Consumer {
 public:
  void Want(uint64_t seq) { clocks_[seq]; }

  uint32_t interests() const override { return kSyncs; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext&) override {
    if (r.seq == 0) return;
    auto it = clocks_.find(r.seq);
    if (it == clocks_.end()) return;
    it->second.task = t.index;
    it->second.clock.CopyFrom(t.clock);
  }
  // a's event happens before b's; false when either was not seen again (assumed concurrent).
  bool Ordered(uint64_t a, uint64_t b) const {
    auto ia = clocks_.find(a), ib = clocks_.find(b);
    if (ia == clocks_.end() || ib == clocks_.end() || ia->second.task == kNoTask || ib->second.task == kNoTask)
      return false;
    return ia->second.clock.Get(ia->second.task) <= ib->second.clock.Get(ia->second.task);
  }
  bool Concurrent(uint64_t a, uint64_t b) const { return !Ordered(a, b) && !Ordered(b, a); }

 private:
  struct At {
    TaskIndex task = kNoTask;
    VectorClock clock;
  };
  std::unordered_map<uint64_t, At> clocks_;  // pre-filled with the wanted seqs
};

}  // namespace ccsp::analyzer
