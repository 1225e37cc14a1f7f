// The pass's counters, printed by `clang -mllvm -stats` (or `opt -stats`). Debian's LLVM is a
// release build: STATISTIC() is a no-op there and LLVM's exit-time printer only says
// "Statistics are disabled". So the counters are TrackingStatistics explicitly (they register
// whatever NDEBUG says) and the pass prints them itself after each module.
#pragma once

#include "llvm/ADT/Statistic.h"

namespace ccsp::stats {

#define CCSP_STATS_LIST(X)                                                                   \
  X(NumFunctions, "Functions instrumented with entry/exit")                                  \
  X(NumLeafFunctions, "Functions without accesses or calls (no entry/exit needed)")          \
  X(NumSkippedFunctions, "Functions skipped (naked, opted out, runtime, not emitted here)")  \
  X(NumReads, "Plain reads instrumented (1/2/4/8/16 bytes)")                                 \
  X(NumWrites, "Plain writes instrumented (1/2/4/8/16 bytes)")                               \
  X(NumRangeReads, "Reads of other sizes instrumented as ranges")                            \
  X(NumRangeWrites, "Writes of other sizes instrumented as ranges")                          \
  X(NumMemIntrinsics, "memcpy/memmove/memset intrinsics instrumented")                       \
  X(NumAtomicLoads, "Atomic loads instrumented")                                             \
  X(NumAtomicStores, "Atomic stores instrumented")                                           \
  X(NumAtomicRmws, "Atomic read-modify-writes instrumented")                                 \
  X(NumAtomicCmpXchgs, "Atomic compare-exchanges instrumented")                              \
  X(NumFences, "Fences instrumented")                                                        \
  X(NumCallsites, "Calls preceded by a call-site store")                                     \
  X(NumOmittedNonCaptured, "Accesses to non-escaping stack slots omitted")                   \
  X(NumOmittedConstant, "Reads of constant globals and invariant memory omitted")            \
  X(NumOmittedVtableLoads, "Vtable pointer loads omitted")                                   \
  X(NumOmittedVtableReads, "Reads from vtables omitted")                                     \
  X(NumOmittedReadsBeforeWrite, "Reads omitted because a write to the same address follows") \
  X(NumOmittedToolGlobals, "Accesses to runtime/LLVM/profiling globals omitted")             \
  X(NumOmittedUnsupported, "Accesses in other address spaces or to swifterror omitted")      \
  X(NumOmittedScalable, "Scalable-vector accesses omitted (size unknown)")                   \
  X(NumSites, "Site table entries")                                                          \
  X(NumGlobals, "Globals table entries")

#define CCSP_STATS_DECLARE(name, desc) extern llvm::TrackingStatistic name;
CCSP_STATS_LIST(CCSP_STATS_DECLARE)
#undef CCSP_STATS_DECLARE

// With -stats: prints the counters of the module just instrumented to stderr and resets them.
void PrintIfEnabled();

}  // namespace ccsp::stats
