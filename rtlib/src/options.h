// Runtime options from CCSP_OPTIONS: a TSan-style list "key=value:key=value". An unknown key
// or a bad value is a start-up error: one line on stderr and exit status 2.
#pragma once

#include <stdint.h>

namespace ccsp::rt {

struct Options {
  char trace_path[1024] = "ccsp-trace.%p.bin";  // %p = pid
  bool watchdog = true;                          // all-tasks-asleep detection
  uint32_t watchdog_interval_ms = 100;
  bool filter = true;                            // per-task repeated-access filter
  bool runs = true;                              // contiguous accesses of one site as Run records
  int exitcode = 66;                             // for `ccsp-analyze run` when it finds reports
  char suppressions[1024] = "";                  // passed on to the analyzer
  int verbosity = 0;                             // 1: say where the trace goes
};

extern Options g_options;

// Parses `text` (may be null) into *out. On error writes a one-line message into err.
bool ParseOptions(const char* text, Options* out, char* err, uint32_t err_cap);

// Writes every effective option as a kMetaOption record.
void WriteOptionsMeta(const Options& o);

// Expands %p in the trace path with `pid`. A fork child whose path has no %p gets ".<pid>"
// appended so that it never overwrites its parent's trace.
void TracePathFor(const Options& o, uint64_t pid, bool fork_child, char* out, uint32_t cap);

}  // namespace ccsp::rt
