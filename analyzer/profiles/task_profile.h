// The task profile (Go's "goroutine"): goroutine/count of the tasks alive at the end of the
// trace, or at --at=SECONDS from its start, by stack, with a "state" label: running, the
// blocking operation (chan-receive, mutex-lock, sleep, ...), or "not started" (created, shown
// at its creation stack). A blocked task is counted at the stack where it blocked; a running one
// at its innermost instrumented frame. The runtime's own tasks are left out.
#pragma once

#include <vector>

#include "analyzer/profiles/profile_consumer.h"
#include "analyzer/profiles/profile_stacks.h"

namespace ccsp::analyzer {

class TaskProfile final : public ProfileConsumer {
 public:
  explicit TaskProfile(const ProfileOptions& opts) : ProfileConsumer(ProfileKind::kTask, opts) {}

  // With --at, every sync keeps a task's state as of its last event up to that time.
  uint32_t interests() const override { return options().at_seconds >= 0 ? kSyncs : 0; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) override;

 protected:
  std::string Build(const Engine& engine, profiles::PprofProfile& p) override;

 private:
  struct State {
    bool seen = false, started = false, ended = false, blocked = false, internal = false;
    uint32_t op = 0;
    StackId stack = kEmptyStack;
    SiteId site = SiteId::kUnknown;
  };
  static State Of(const Task& t);
  std::vector<State> at_;  // by task index (--at only)
};

}  // namespace ccsp::analyzer
