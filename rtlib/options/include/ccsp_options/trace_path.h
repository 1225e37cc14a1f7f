// What the trace_path option names: the pattern with %p expanded to the pid. Shared by the
// runtime (which creates the file) and `ccsp-analyze run` (which reads it back).
#pragma once

#include <stdint.h>

#include "ccsp_options/option_parser.h"

namespace ccsp::options {

// Every %p becomes `pid`. A fork child whose pattern has no %p gets ".<pid>" appended, so that
// it never overwrites its parent's trace.
inline void FormatTracePath(const char* pattern, uint64_t pid, bool fork_child, TextOut& t) {
  bool had_pid = false;
  for (const char* p = pattern; *p; ++p) {
    if (p[0] == '%' && p[1] == 'p') {
      t.PutDec(pid);
      had_pid = true;
      ++p;
    } else {
      t.Put(p, 1);
    }
  }
  if (fork_child && !had_pid) t.Put(".").PutDec(pid);
}

}  // namespace ccsp::options
