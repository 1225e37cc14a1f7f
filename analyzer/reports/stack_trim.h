// Library plumbing in report stacks. The frames of the C++ standard library's headers and of
// ccsp's own headers that start a task (std::thread, std::invoke, ccsp::go) tell a reader
// nothing about the bug; text reports hide them at the outer end of an access stack and at
// the inner end of a creation stack, as Go's race detector does. JSON keeps every frame.
#pragma once

#include <cstddef>

#include "analyzer/findings/findings.h"
#include "analyzer/findings/frames.h"

namespace ccsp::analyzer {

enum class TrimEnd {
  kOuter,  // drop the library frames below the user's outermost frame (access stacks)
  kInner,  // drop the library frames above the user's innermost frame (creation stacks)
  kBoth,   // both (lock acquisitions: std::lock_guard -> std::mutex::lock -> pthread)
};

struct FrameRange {
  size_t begin = 0, end = 0;  // frames [begin, end) are shown
};

// Which frames of `s` to show. Only a run of library frames at the given end is dropped, and
// never the whole stack: a stack made only of library frames is shown whole.
FrameRange VisibleFrames(const Stack& s, TrimEnd end);

}  // namespace ccsp::analyzer
