// Engine stacks as pprof locations, for the profile consumers: a site becomes one location
// whose lines are its inlined-at chain (innermost first), a stack the call sites of its frames,
// leaf first, as text reports print them. ccsp's recording internals (ccsp::detail) at the leaf
// are left out, so a blocked receive ends at ccsp::chan<T>::recv as Go's ends at chanrecv.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/base/ids.h"
#include "analyzer/hb/engine.h"
#include "analyzer/profiles/pprof_profile.h"

namespace ccsp::analyzer {

class ProfileStacks {
 public:
  static constexpr size_t kMaxLocations = 128;

  ProfileStacks(const Engine& engine, profiles::PprofProfile& out) : engine_(engine), out_(out) {}

  // Leaf first: `site` (the event's call site in the innermost frame; kUnknown for a running
  // task or a CPU sample: then the innermost function itself, at its first line), then where
  // each frame was called from. Valid until the next call.
  const std::vector<profiles::LocationId>& Locations(StackId stack, SiteId site);

 private:
  using Chain = std::vector<profiles::Frame>;
  void AppendSite(uint32_t site, std::vector<Chain>* chains);
  void AppendFunction(uint32_t fn_site, std::vector<Chain>* chains);
  std::string_view Keep(std::string s);

  const Engine& engine_;
  profiles::PprofProfile& out_;
  std::unordered_map<uint64_t, std::vector<profiles::LocationId>> cache_;  // stack << 32 | site
  std::deque<std::string> names_;  // names made up here ("site#12"): stable for the views
};

// Values summed by (stack, site), in a stable order (the profile's samples follow it).
template <size_t N>
class StackTable {
 public:
  using Row = std::array<int64_t, N>;
  Row& At(StackId stack, SiteId site) { return rows_[uint64_t{Raw(stack)} << 32 | Raw(site)]; }
  // f(stack, site, row) for every row.
  template <class F>
  void ForEach(F&& f) const {
    for (const auto& [key, row] : rows_) f(StackId(key >> 32), SiteId(static_cast<uint32_t>(key)), row);
  }
  size_t size() const { return rows_.size(); }

 private:
  std::map<uint64_t, Row> rows_;
};

// What every profile of a trace says about it: when it started (time_nanos), how long it ran
// (duration_nanos; `duration_ns` < 0: until the trace's last event), the program.
void DescribeTrace(const Engine& engine, profiles::PprofProfile& p, int64_t duration_ns = -1);
// ns from the trace's start to its last timestamped event.
int64_t TraceEndNs(const Engine& engine);

}  // namespace ccsp::analyzer
