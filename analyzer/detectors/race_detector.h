// The data-race detector, a consumer of the engine: checks every access against the
// byte-precise shadow memory with the accessing task's vector clock, and turns each race into
// a Finding (both stacks, the location, the tasks and where they were created), deduplicated
// by the pair of sites. Allocations clear the shadow of their range; a free is a write of the
// whole block, then the block is forgotten.
#pragma once

#include <cstdint>

#include "analyzer/detectors/shadow_memory.h"
#include "analyzer/findings/report_context.h"
#include "analyzer/hb/consumer.h"

namespace ccsp::analyzer {

struct RaceOptions {
  uint64_t max_range_bytes = uint64_t{1} << 30;  // longer range accesses are cut (warning)
  size_t shadow_page_limit = 0;                   // 0 = unlimited
};

class RaceDetector final : public Consumer, private RaceSink {
 public:
  RaceDetector(ReportContext& ctx, RaceOptions opts);

  uint32_t interests() const override { return kPlain | kAtomics | kSyncs; }
  void PrefetchAccesses(const Task& t, const AccessBatch& b) override;
  void OnAccesses(const Task& t, const AccessBatch& b) override;
  void OnAtomic(const Task& t, const trace::Record& r) override;
  void OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) override;
  bool WantsSync(trace::SyncKind k) const override {
    return k == trace::SyncKind::kAlloc || k == trace::SyncKind::kFree;
  }
  void OnFinish(const Engine& e) override;

  const ShadowMemory& shadow() const { return shadow_; }

 private:
  CCSP_HOT_INLINE void Check(const Task& t, StackId stack, uint64_t addr, uint64_t size,
                             bool write, bool atomic, uint32_t site,
                             ShadowMemory::PageHint hint = nullptr) {
    AccessInfo cur;
    cur.task = t.index;
    cur.clock = t.clock.Get(t.index);
    cur.stack = Raw(stack);
    cur.site = site;
    cur.size_flags = AccessInfo::Flags(size, write, atomic);
    shadow_.Access(addr, size, cur, t.clock, *this, hint);
  }
  void Run(const Task& t, StackId stack, const trace::Record& r);
  void Range(const Task& t, StackId stack, uint64_t addr, uint64_t size, bool write, bool atomic,
             uint32_t site);
  void WarnCut(const Task& t, const std::string& what);
  void OnRace(const AccessInfo& cur, uint64_t cur_addr, const AccessInfo& prev,
              uint64_t prev_addr) override;

  ReportContext& ctx_;
  RaceOptions opts_;
  ShadowMemory shadow_;
  // Pages found by the prefetch of the two batches in flight, keyed by the batch's records.
  static constexpr unsigned kMaxBatch = 64;
  ShadowMemory::PageHint hints_[2][kMaxBatch] = {};
  const trace::Record* slot_of_[2] = {};
  unsigned next_slot_ = 0;
  bool in_free_ = false;
  const HeapBlock* freeing_ = nullptr;  // during a free's check: the block (no longer live)
  uint64_t freeing_addr_ = 0;
  bool warned_range_ = false;
};

}  // namespace ccsp::analyzer
