// CPU profiling samples (CCSP_OPTIONS cpu_profile_hz, trace/format.h "Sample"): each task has a
// timer on its own thread's CPU clock that sends SIGPROF to that thread. The handler writes
// nothing: it notes the task's shadow stack and clears `limit`, and the task itself writes the
// Sample from its chunk slow path before its next record, so no record is ever interrupted.
#pragma once

#include "task_state.h"

namespace ccsp::rt::cpuprof {

// At start-up, after the options: installs the SIGPROF handler when sampling is on.
void Init();
// The calling thread's timer, armed after its TaskStart; stopped before its TaskEnd.
void StartTask(TaskState& t);
void EndTask(TaskState& t);
// fork child: the parent's timers are not inherited and its notes belong to the parent.
void ResetInChild();

// A sample is noted and not yet written (and the task is not writing one now).
bool Pending();
// Writes the noted samples at the current position (called by SwitchChunk when Pending());
// returns what SwitchChunk returns: room for one more record.
bool WritePending(TaskState& t);

}  // namespace ccsp::rt::cpuprof
