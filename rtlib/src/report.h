// Go-style fatal reports printed by the runtime itself: stacks rebuilt from the shadow stack
// and the registered site tables (no symbolizer), the all-asleep deadlock message and
// panics. Output goes straight to fd 2.
#pragma once

#include <stdint.h>

#include "common.h"
#include "task_state.h"

namespace ccsp::rt {

// Appends the stack of task state `t` whose innermost position is `top_site`:
//   "  fn(args)\n\tfile.cpp:17:5\n" per frame, innermost first, inlined frames expanded.
void AppendStack(Buf& b, const TaskState& t, uint32_t top_site);

// "panic: <msg>" + the current task's stack; records kMisuse + kMetaPanic, finishes the trace
// and exits with status 2 (Go's status for a panic).
[[noreturn]] void Panic(uint32_t misuse_kind, const char* message);

}  // namespace ccsp::rt
