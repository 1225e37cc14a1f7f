// Runtime start-up and shutdown. Start-up runs from .preinit_array in executables and lazily
// on the first runtime call otherwise; shutdown runs from an on_exit handler registered first,
// so it is the last exit handler to run and sees the exit status.
#pragma once

#include <pthread.h>
#include <stdint.h>

namespace ccsp::rt {

// True once the runtime is ready (initializing it if needed). False while this very thread
// is initializing it (re-entry from inside start-up).
bool EnsureInit();
bool Initialized();

// Environment handed to .preinit_array functions (libc's environ may not be set up yet).
void SetPreinitEnv(char** envp);

// Key whose destructor records TaskEnd for every way a thread can end.
extern pthread_key_t g_task_key;

// Ends the trace: kProcessExit/kAllAsleep already written by the caller; stops every task's
// recording, marks the file complete with `status` and truncates it.
void FinishTrace(int status);

// exec*(): finish the trace before the image is replaced; undo if exec returns.
void FinishForExec();
void ResumeAfterFailedExec();

// fork(): lock runtime state around the real fork; the child opens its own trace.
void BeforeFork();
void AfterForkParent();
void AfterForkChild(uint64_t parent_pid);

}  // namespace ccsp::rt
