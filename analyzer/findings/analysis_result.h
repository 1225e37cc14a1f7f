// What one analyzed trace comes to: its findings and a summary of the trace itself. Produced
// by analysis.cc, consumed by the renderers (reports/) and the CLI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/findings/findings.h"

namespace ccsp::analyzer {

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

  FindingSummary Summary() const {
    FindingSummary s;
    s.Add(findings);
    return s;
  }
  size_t Count(FindingKind k) const { return Summary().Count(k); }  // unsuppressed of a kind
  size_t Reported() const { return Summary().reported; }
  size_t Suppressed() const { return Summary().suppressed; }
};

}  // namespace ccsp::analyzer
