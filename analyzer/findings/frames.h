// Which frames of a stack are the user's: frames from system headers and from ccsp's own
// headers are library plumbing. Detectors use it to key reports by the innermost user frame;
// text renderers to hide library frames.
#pragma once

#include "analyzer/findings/findings.h"

namespace ccsp::analyzer {

// A frame from a system header (libstdc++, libc++, /usr/include) or from ccsp's headers.
bool IsLibraryFrame(const Frame& f);

// A frame of ccsp's internals (namespace ccsp::detail: recording hooks, parking). Text reports
// always hide these at the inner end, whatever the TrimEnd; the API frame below them
// (ccsp::chan<T>::send, ...) stays, as Go's reports show runtime.chansend.
bool IsRecorderFrame(const Frame& f);

// The innermost frame of `s` that is neither library nor recorder code; nullptr when the
// stack has none.
const Frame* InnermostUserFrame(const Stack& s);

}  // namespace ccsp::analyzer
