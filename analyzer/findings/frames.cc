// Frame classification (frames.h).
#include "analyzer/findings/frames.h"

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

const Frame* InnermostUserFrame(const Stack& s) {
  for (const Frame& f : s)
    if (!IsLibraryFrame(f) && !IsRecorderFrame(f) && !f.file.empty()) return &f;
  return nullptr;
}

}  // namespace ccsp::analyzer
