// `ccsp-analyze dump`: every event of a trace, one line each, in replay order (merged by
// seq), with its task, fields and site, optionally the task's stack and its vector clock
// after the event -- so a user can see why two accesses are or are not ordered.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/base/result.h"

namespace ccsp::analyzer {

struct DumpOptions {
  bool vector_clocks = false;  // --vc
  bool stacks = false;         // --stacks: the whole call chain, not only the site
};

struct DumpSummary {
  uint64_t events = 0;
  std::vector<std::string> warnings;
};

Result<DumpSummary> DumpTrace(const std::string& path, const DumpOptions& opts, std::ostream& out);

}  // namespace ccsp::analyzer
