// The base of every profile consumer: a Consumer of the engine that builds one pprof profile
// when the replay finishes (while the engine's stacks and site table are still there), or says
// in one line why the trace cannot give it. Each profile type is one subclass in its own file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/hb/consumer.h"
#include "analyzer/hb/engine.h"
#include "analyzer/profiles/pprof_profile.h"
#include "analyzer/profiles/profile_kinds.h"

namespace ccsp::analyzer {

struct ProfileOptions {
  // Seconds from the trace's start (< 0: its end): task and heap give the state then; mutex,
  // block and allocs count the events up to then; cpu ignores it.
  double at_seconds = -1;
};

class ProfileConsumer : public Consumer {
 public:
  ProfileConsumer(ProfileKind kind, const ProfileOptions& opts) : kind_(kind), opts_(opts) {}

  ProfileKind kind() const { return kind_; }
  // After the replay: the profile, or (error() not empty) why there is none.
  const profiles::PprofProfile& profile() const { return profile_; }
  const std::string& error() const { return error_; }
  // Things worth saying about a profile that was built (e.g. "no CPU samples").
  const std::vector<std::string>& warnings() const { return warnings_; }

  void OnFinish(const Engine& engine) final { error_ = Build(engine, profile_); }

 protected:
  // Fills `p` from what the consumer gathered; returns "" or the one-line reason it cannot.
  virtual std::string Build(const Engine& engine, profiles::PprofProfile& p) = 0;
  void Warn(std::string w) { warnings_.push_back(std::move(w)); }
  // --at as ns from the start; INT64_MAX without it.
  int64_t AtNs() const {
    return opts_.at_seconds < 0 ? INT64_MAX : static_cast<int64_t>(opts_.at_seconds * 1e9);
  }
  const ProfileOptions& options() const { return opts_; }

 private:
  ProfileKind kind_;
  ProfileOptions opts_;
  profiles::PprofProfile profile_;
  std::string error_;
  std::vector<std::string> warnings_;
};

// One consumer for `kind` (mutex_profile.h, block_profile.h, ...).
std::unique_ptr<ProfileConsumer> MakeProfileConsumer(ProfileKind kind, const ProfileOptions& opts);

}  // namespace ccsp::analyzer
