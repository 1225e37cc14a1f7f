// The block profile (Go's "block"): contentions/count and delay/nanoseconds at the stack where
// a task blocked -- channel send and receive, select, cond wait, wait-group wait, join,
// semaphore, barrier, once, lock acquisition -- one contention per wait that ended, its length
// as delay. As in Go, sleeping is not blocking, and a wait that never ended (a task blocked at
// exit) is not in it: the task profile shows those.
#pragma once

#include <vector>

#include "analyzer/profiles/profile_consumer.h"
#include "analyzer/profiles/profile_stacks.h"

namespace ccsp::analyzer {

class BlockProfile final : public ProfileConsumer {
 public:
  explicit BlockProfile(const ProfileOptions& opts) : ProfileConsumer(ProfileKind::kBlock, opts) {}

  uint32_t interests() const override { return kSyncs; }
  bool WantsSync(trace::SyncKind k) const override { return k == trace::SyncKind::kBlockEnd; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) override;

 protected:
  std::string Build(const Engine& engine, profiles::PprofProfile& p) override;

 private:
  StackTable<2> table_;  // contentions, delay
  std::vector<uint64_t> ended_;  // by task: seq of the BlockBegin whose end was counted
};

}  // namespace ccsp::analyzer
