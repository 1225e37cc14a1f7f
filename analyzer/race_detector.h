// The data-race detector: checks every access against the byte-precise shadow memory with
// the accessing task's vector clock, and turns each race into a Finding (both stacks, the
// location, the tasks and where they were created), deduplicated by the pair of sites.
#pragma once

#include <cstdint>

#include "analyzer/shadow_memory.h"
#include "analyzer/stack_trie.h"

namespace ccsp::analyzer {

class Replay;
struct TaskState;

class RaceDetector : public RaceSink {
 public:
  explicit RaceDetector(Replay& replay) : replay_(replay) {}

  void OnAccess(const TaskState& t, uint64_t addr, uint64_t size, bool write, bool atomic,
                uint32_t site);
  // The same, inline for the replay's access loop: task `task` with clock vc at stack.
  CCSP_HOT_INLINE void OnAccess(TaskIndex task, const VectorClock& vc, StackId stack,
                                uint64_t addr, uint64_t size, bool write, bool atomic,
                                uint32_t site, ShadowMemory::PageHint hint = nullptr) {
    AccessInfo cur;
    cur.task = task;
    cur.clock = vc.Get(task);
    cur.stack = stack;
    cur.site = site;
    cur.size_flags = AccessInfo::Flags(size, write, atomic);
    shadow_.Access(addr, size, cur, vc, *this, hint);
  }
  CCSP_HOT_INLINE ShadowMemory::PageHint Prefetch(uint64_t addr) {
    return shadow_.Prefetch(addr);
  }
  // free(): a write of the whole block, then the block is forgotten.
  void OnFree(const TaskState& t, uint64_t addr, uint64_t size, uint32_t site);
  // A new object at [addr, addr+size): no history.
  void OnAlloc(uint64_t addr, uint64_t size) { shadow_.Clear(addr, size); }

  void OnRace(const AccessInfo& cur, uint64_t cur_addr, const AccessInfo& prev,
              uint64_t prev_addr) override;

  ShadowMemory& shadow() { return shadow_; }
  const ShadowMemory& shadow() const { return shadow_; }

 private:
  Replay& replay_;
  ShadowMemory shadow_;
  bool in_free_ = false;
};

}  // namespace ccsp::analyzer
