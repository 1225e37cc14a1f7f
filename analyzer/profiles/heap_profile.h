// The heap and allocs profiles (Go's "heap" and "allocs"; one consumer, two default views):
// alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes by allocation
// stack. Exact, not sampled: every malloc/new and free/delete is in the trace, so a block's
// free is charged back to the stack that allocated it. "in use" is at the end of the trace or at
// --at=SECONDS. Thread stacks and mmap'ed ranges are not heap and are left out.
#pragma once

#include "analyzer/profiles/profile_consumer.h"
#include "analyzer/profiles/profile_stacks.h"

namespace ccsp::analyzer {

class HeapProfile final : public ProfileConsumer {
 public:
  // kind: kHeap (inuse_space by default) or kAllocs (alloc_space by default).
  HeapProfile(ProfileKind kind, const ProfileOptions& opts) : ProfileConsumer(kind, opts) {}

  uint32_t interests() const override { return kSyncs; }
  bool WantsSync(trace::SyncKind k) const override {
    return k == trace::SyncKind::kAlloc || k == trace::SyncKind::kFree;
  }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) override;

 protected:
  std::string Build(const Engine& engine, profiles::PprofProfile& p) override;

 private:
  StackTable<4> table_;  // alloc_objects, alloc_space, inuse_objects, inuse_space
};

}  // namespace ccsp::analyzer
