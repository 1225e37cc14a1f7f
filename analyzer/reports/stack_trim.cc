// Library-frame classification and trimming for text reports (see stack_trim.h).
#include "analyzer/reports/stack_trim.h"

#include <string_view>

namespace ccsp::analyzer {

bool IsLibraryFrame(const Frame& f) {
  std::string_view file = f.file;
  if (file.empty()) return false;  // unknown: keep it, it may be the user's
  return file.find("/include/c++/") != std::string_view::npos ||  // libstdc++ / libc++ anywhere
         file.rfind("/usr/include/", 0) == 0 ||                   // libc and system headers
         file.rfind("/usr/lib/gcc/", 0) == 0 ||                   // gcc's (e.g. gthr-default.h)
         file.rfind("/usr/lib/llvm", 0) == 0 ||                   // clang's own headers
         file.find("include/ccsp/") != std::string_view::npos;     // ccsp's Go-style library
}

bool IsRecorderFrame(const Frame& f) {
  return std::string_view(f.function).rfind("ccsp::detail::", 0) == 0;
}

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
