// Runtime options: the CCSP_OPTIONS table and parser of rtlib/options (ccsp_options), applied
// once at start-up. An item that cannot be applied is a warning on stderr and the program runs
// on, as under TSAN_OPTIONS; help=1 prints the list of options and runs on too.
#pragma once

#include <stdint.h>

#include "ccsp_options/option_list.h"

namespace ccsp::rt {

using Options = options::Options;

extern Options g_options;

// Applies CCSP_OPTIONS text (may be null) to g_options: one "ccsp: warning: ..." line per item
// skipped, then the help list (help=1) and the effective options (verbosity=2) on stderr.
void InitOptions(const char* text);

// Writes every effective option as a kMetaOption record.
void WriteOptionsMeta(const Options& o);

// Expands %p in the trace path with `pid`. A fork child whose path has no %p gets ".<pid>"
// appended so that it never overwrites its parent's trace.
void TracePathFor(const Options& o, uint64_t pid, bool fork_child, char* out, uint32_t cap);

}  // namespace ccsp::rt
