// Text reports in the style of Go's race detector and ThreadSanitizer: one block per finding
// between ================== separators, then a closing SUMMARY line. Colour (ANSI) only when
// the caller says the output is a terminal.
#pragma once

#include <ostream>
#include <vector>

#include "analyzer/findings/analysis_result.h"

namespace ccsp::analyzer {

struct TextOptions {
  bool color = false;
  bool show_suppressed = false;
  bool full_stacks = false;  // show std:: and ccsp start-up frames too (see stack_trim.h)
};

// The warnings and reports of one analyzed trace (no SUMMARY line).
void RenderText(const AnalysisResult& result, const TextOptions& opts, std::ostream& out);
// "SUMMARY: ccsp: N data race(s), M misuse(s), K all-asleep deadlock(s)" over all traces.
void RenderTextSummary(const std::vector<AnalysisResult>& results, const TextOptions& opts,
                       std::ostream& out);

}  // namespace ccsp::analyzer
