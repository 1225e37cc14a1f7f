// Definitions of the pass's counters (see stats.h). The group name is what -stats prints.
#include "stats.h"

#include "llvm/Support/raw_ostream.h"

namespace ccsp::stats {

#define CCSP_STATS_DEFINE(name, desc) llvm::TrackingStatistic name{"ccsp-instrument", #name, desc};
CCSP_STATS_LIST(CCSP_STATS_DEFINE)
#undef CCSP_STATS_DEFINE

void PrintIfEnabled() {
  if (!llvm::AreStatisticsEnabled()) return;
  llvm::PrintStatistics(llvm::errs());
  llvm::ResetStatistics();
}

}  // namespace ccsp::stats
