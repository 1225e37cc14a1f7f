// JSON reports: {"reports": [...], "summary": {...}, "trace": {...}, "traces": [...]}.
// Every report has "kind" and "count"; races have "accesses", "location", "tasks"; misuse
// has "stack" and "tasks"; all-asleep has "tasks" each with "op", "object" and "stack".
// Suppressed findings are left out (counted in summary.suppressed).
#pragma once

#include <ostream>
#include <vector>

#include "analyzer/findings/analysis_result.h"

namespace ccsp::analyzer {

void RenderJson(const std::vector<AnalysisResult>& results, std::ostream& out);

}  // namespace ccsp::analyzer
