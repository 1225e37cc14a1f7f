// The analyzer's front door: open a trace, decode its metadata, replay it with the race
// detector, collect the runtime's own findings, apply suppressions. Returns plain data (or
// an error naming the file); never prints, never throws, never aborts on bad input.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyzer/findings.h"
#include "analyzer/result.h"
#include "analyzer/suppressions.h"

namespace ccsp::analyzer {

struct AnalyzeOptions {
  Suppressions* suppressions = nullptr;  // may be null; hit counts are updated
  std::function<void(uint64_t done, uint64_t total)> progress;  // payload bytes
  uint64_t max_range_bytes = uint64_t{1} << 30;
  size_t shadow_page_limit = 0;  // 0 = unlimited
  // Alternative to shadow_page_limit: the shadow memory's budget in bytes (0 = unlimited).
  uint64_t shadow_bytes_limit = 0;
};

struct TraceSummary {
  std::string path;
  std::string program;
  std::vector<std::string> args;
  uint64_t pid = 0;
  uint64_t parent_pid = 0;
  bool complete = false;
  bool fork_child = false;
  bool has_exit_status = false;
  int64_t exit_status = 0;
  uint64_t events = 0;
  uint64_t payload_bytes = 0;
  uint32_t tasks = 0;
  uint64_t shadow_bytes = 0;  // analyzer shadow memory at the end
  std::vector<std::string> warnings;
};

struct AnalysisResult {
  std::vector<Finding> findings;  // in order of discovery, suppressed ones flagged
  TraceSummary trace;

  size_t Count(FindingKind k) const;  // unsuppressed findings of a kind
  size_t Reported() const;            // unsuppressed findings
  size_t Suppressed() const;
};

Result<AnalysisResult> AnalyzeFile(const std::string& path, const AnalyzeOptions& opts);
// `data` must stay valid during the call; `name` is used in messages.
Result<AnalysisResult> AnalyzeBuffer(const uint8_t* data, size_t size, const std::string& name,
                                     const AnalyzeOptions& opts);

}  // namespace ccsp::analyzer
