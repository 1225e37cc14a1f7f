// The analyzer's front door: open a trace, decode its metadata, replay it once through the
// happens-before engine with every detector as a consumer (races, misuse, deadlocks and leaks, lock order
// with its second look), apply suppressions. Returns plain data (or an error naming the
// file); never prints, never throws, never aborts on bad input.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyzer/findings/analysis_result.h"
#include "analyzer/base/result.h"
#include "analyzer/reports/suppressions.h"

namespace ccsp::analyzer {

class Consumer;

struct AnalyzeOptions {
  Suppressions* suppressions = nullptr;  // may be null; hit counts are updated
  std::function<void(uint64_t done, uint64_t total)> progress;  // payload bytes
  uint64_t max_range_bytes = uint64_t{1} << 30;
  size_t shadow_page_limit = 0;  // 0 = unlimited
  // Alternative to shadow_page_limit: the shadow memory's budget in bytes (0 = unlimited).
  uint64_t shadow_bytes_limit = 0;
  // More consumers to feed in the same replay, after the detectors (a profile, a test's own).
  std::vector<Consumer*> extra_consumers;
  uint32_t first_clock = 1;  // tests only: see EngineOptions::first_clock
};

Result<AnalysisResult> AnalyzeFile(const std::string& path, const AnalyzeOptions& opts);
// `data` must stay valid during the call; `name` is used in messages.
Result<AnalysisResult> AnalyzeBuffer(const uint8_t* data, size_t size, const std::string& name,
                                     const AnalyzeOptions& opts);

}  // namespace ccsp::analyzer
