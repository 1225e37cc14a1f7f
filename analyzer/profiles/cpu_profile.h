// The CPU profile (Go's "profile"): samples/count and cpu/nanoseconds by call stack. The
// runtime samples each task on its own CPU time (CCSP_OPTIONS=cpu_profile_hz, a per-thread CPU
// timer) and records the task's instrumented call stack in its trace stream; time in code that
// is not instrumented (libc, a library built without ccsp) counts at the innermost instrumented
// frame that called it. A trace recorded with cpu_profile_hz=0 has no samples: an error.
#pragma once

#include "analyzer/profiles/profile_consumer.h"
#include "analyzer/profiles/profile_stacks.h"

namespace ccsp::analyzer {

class CpuProfile final : public ProfileConsumer {
 public:
  explicit CpuProfile(const ProfileOptions& opts) : ProfileConsumer(ProfileKind::kCpu, opts) {}

  uint32_t interests() const override { return kSamples; }
  void OnSample(const Task& t, const trace::Record& r, StackId stack) override;

 protected:
  std::string Build(const Engine& engine, profiles::PprofProfile& p) override;

 private:
  StackTable<2> table_;  // samples, cpu
  uint64_t samples_ = 0;
};

}  // namespace ccsp::analyzer
