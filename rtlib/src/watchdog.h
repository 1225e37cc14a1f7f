// The all-tasks-asleep watchdog: a plain thread (not a task) that wakes every
// watchdog_interval_ms and ends the program with Go's "all goroutines are asleep" message,
// exit status 2, when every live task has been blocked in an untimed operation, unchanged,
// across two consecutive checks.
#pragma once

namespace ccsp::rt::watchdog {

// Starts the thread once (lazily: on the first untimed BlockBegin), if enabled.
void MaybeStart();
void ResetInChild();

}  // namespace ccsp::rt::watchdog
