// The mutex profile (Go's "mutex"): contentions/count and delay/nanoseconds at the stack of the
// unlock that ended other tasks' waits. Every wait for a lock (pthread mutex and spinlock,
// rwlock in both modes, so std::mutex and std::shared_mutex) is split at the lock's unlocks:
// each unlock is charged the time every task then blocked on the lock waited since it began
// waiting or since the previous unlock, whichever is later. So 100 tasks blocked 10 ms each by
// one holder count 1 s at its unlock, as Go 1.22 scales by the number of waiters; the sum over
// all unlocks is exactly the time tasks spent waiting for locks. One contention per unlock that
// had waiters.
#pragma once

#include <unordered_map>
#include <vector>

#include "analyzer/profiles/profile_consumer.h"
#include "analyzer/profiles/profile_stacks.h"

namespace ccsp::analyzer {

class MutexProfile final : public ProfileConsumer {
 public:
  explicit MutexProfile(const ProfileOptions& opts) : ProfileConsumer(ProfileKind::kMutex, opts) {}

  uint32_t interests() const override { return kSyncs; }
  bool WantsSync(trace::SyncKind k) const override;
  void OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) override;

 protected:
  std::string Build(const Engine& engine, profiles::PprofProfile& p) override;

 private:
  struct Waiter {
    TaskIndex task;
    uint64_t since;  // ns: the wait's begin or the lock's latest unlock after it
  };
  std::unordered_map<uint64_t, std::vector<Waiter>> waiters_;  // by lock, while it has any
  StackTable<2> table_;  // contentions, delay
};

}  // namespace ccsp::analyzer
