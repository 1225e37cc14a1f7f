// The report-kind table's lookups and the one summary count.
#include "analyzer/findings/findings.h"


namespace ccsp::analyzer {

const char* FindingKindName(FindingKind k) {
  for (const FindingKindInfo& i : kFindingKinds)
    if (i.kind == k) return i.key;
  return "unknown";
}

void FindingSummary::Add(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    ++reported;
    ++by_kind[static_cast<size_t>(f.kind)];
  }
}

}  // namespace ccsp::analyzer
