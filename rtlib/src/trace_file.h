// The trace file: one shared file mapping inside a large reserved address range, grown in big
// steps (ftruncate + mmap of the new segment), handed out in fixed 64 KiB chunks. Chunk
// allocation, growth and finalization take one internal lock; writing into a chunk takes none.
#pragma once

#include <stdint.h>

#include "trace/format.h"

namespace ccsp::rt::tracefile {

// Creates the file at `path` and writes its header. fork_parent_pid != 0 marks a fork child.
// Returns false (with errno set) when the file cannot be created or mapped.
bool Open(const char* path, uint64_t fork_parent_pid);

trace::FileHeader* Header();
const char* Path();
uint64_t StartMono();  // FileHeader::start_mono_ns

// A fresh chunk for `stream` with position `index`, linked after `prev` (may be null).
// Returns null once recording has stopped or the reservation is exhausted.
trace::ChunkHeader* AllocChunk(uint32_t stream, uint32_t index, trace::ChunkHeader* prev);

// Task streams write through one staging chunk per task (the stream's first chunk, which
// stays mapped and resident): when it is full, its bytes are copied with pwrite into a fresh
// chunk of the file -- several times cheaper than faulting in new pages of the shared mapping
// -- whose `next` points back at the staging chunk; the previous copy (`prev_copy`, a file
// offset, 0 for none) is then linked to it. The caller then moves the staging chunk to the
// next index. Returns the copy's offset, or 0 once recording has stopped (or a write failed).
uint64_t CopyOutChunk(const trace::ChunkHeader* staging, uint64_t prev_copy);

// The writer is done with a full chunk: drop its pages from this process (they stay in the
// page cache and reach the file), which keeps the recording's resident set small.
void ReleaseChunk(trace::ChunkHeader* chunk);

// Sets kFlagComplete and exit_status and truncates the file to the allocated chunks.
// Chunks stay mapped and writable: tasks still running keep writing safely.
void MarkComplete(int exit_status);
// Undoes MarkComplete (an exec that failed): the trace goes on.
void ClearComplete();
// No chunk is handed out any more.
void Stop();
bool Stopped();

// fork(): the parent holds the lock across the real fork; the child drops the parent's file
// (its mapping is replaced) and opens its own.
void LockForFork();
void UnlockForFork();
void ResetLockInChild();

}  // namespace ccsp::rt::tracefile
