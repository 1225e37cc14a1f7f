// The profiles' front door, like analysis.h's AnalyzeFile: replay a trace once with the profile
// consumers (and the timeline) and write their files. `ccsp-analyze run --profile` instead adds
// the same consumers to AnalyzeFile's replay (AnalyzeOptions::extra_consumers) and writes them
// with WriteProfile. Returns plain data or one line naming the file; never throws.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analyzer/base/result.h"
#include "analyzer/hb/consumer.h"
#include "analyzer/profiles/profile_consumer.h"
#include "analyzer/profiles/timeline.h"

namespace ccsp::analyzer {

struct ProfileJob {
  ProfileKind kind;
  std::string path;  // where the gzipped profile.proto goes
};

struct RunSummary {
  std::vector<std::string> warnings;  // about the trace (damage) and the profiles (no samples)
  TimelineSummary timeline;           // WriteTimeline only
  profiles::TraceCuts cuts;           // WriteTimeline: what --max-events left out
};

// Replays `trace` once into `consumers`. Trace damage becomes warnings.
Result<RunSummary> ReplayInto(const std::string& trace, const std::vector<Consumer*>& consumers,
                              const std::function<void(uint64_t, uint64_t)>& progress = {});

// Fails (one line) when `path` cannot be written, before any replay: creates nothing.
Result<bool> CheckWritable(const std::string& path);

// One replay for every job, then each profile written to its path.
Result<RunSummary> WriteProfiles(const std::string& trace, const std::vector<ProfileJob>& jobs,
                                 const ProfileOptions& opts,
                                 const std::function<void(uint64_t, uint64_t)>& progress = {});

// A finished consumer's profile to `path` (its own error, if it has one, or the write's).
Result<bool> WriteProfile(const ProfileConsumer& c, const std::string& path);

struct TimelineRequest {
  std::string path;
  TimelineOptions window;
  uint64_t max_events = 1'000'000;  // 0: no cap
};
Result<RunSummary> WriteTimeline(const std::string& trace, const TimelineRequest& req,
                                 const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace ccsp::analyzer
