// Registry of live tasks (for the watchdog and the exit path), task id allocation, and the
// pthread_t -> task id map used by join/detach/setname. One spinlock guards all of it; it is
// taken on task create/start/end and by the watchdog, never on the recording fast path.
#pragma once

#include <stdint.h>

#include "spin_lock.h"
#include "task_state.h"

namespace ccsp::rt::registry {

// A new record with a fresh id (main gets 1), already counted as live (running).
TaskRecord* NewTask(uint32_t parent, uint32_t create_site);
// Unlinks and frees a record (task end, or a pthread_create that failed).
void RemoveTask(TaskRecord* r);

SpinLock& Lock();
TaskRecord* HeadLocked();  // live tasks, oldest first; iterate with ->next under Lock()
uint32_t LiveCountLocked();

void MapPthread(uint64_t pthread, uint32_t id);
// Creator side: never overwrites (the child, or a newer thread reusing the pthread_t, wins).
void MapPthreadIfAbsent(uint64_t pthread, uint32_t id);
uint32_t LookupPthread(uint64_t pthread);  // 0 if unknown
uint32_t TakePthread(uint64_t pthread);    // lookup + erase (join)

// Exit path: every live task's fast path falls into its slow path, which sees the trace
// stopped and drops the event (task state of live threads is never freed).
void KickAllTasks();

// fork(): the parent holds the lock across the real fork; the child keeps only `self`.
void LockForFork();
void UnlockForFork();
void ResetInChild(TaskRecord* self);

}  // namespace ccsp::rt::registry
