// Trimming of library frames for text reports (see stack_trim.h).
#include "analyzer/reports/stack_trim.h"

namespace ccsp::analyzer {

FrameRange VisibleFrames(const Stack& s, TrimEnd end) {
  FrameRange r{0, s.size()};
  // The recording hooks above a blocking operation are never the user's business.
  while (r.begin < r.end && IsRecorderFrame(s[r.begin])) ++r.begin;
  if (end != TrimEnd::kInner)
    while (r.end > r.begin && IsLibraryFrame(s[r.end - 1])) --r.end;
  if (end != TrimEnd::kOuter)
    while (r.begin < r.end && IsLibraryFrame(s[r.begin])) ++r.begin;
  if (r.begin == r.end) r = FrameRange{0, s.size()};
  return r;
}

}  // namespace ccsp::analyzer
