// A task as the happens-before engine sees it, and as consumers may read it: identity, clock,
// shadow call stack, creation, the locks it holds and what it is blocked in. Consumers get it
// as `const Task&`; only the engine writes it. The engine's own bookkeeping (stream cursor,
// decode batch, pending clocks) is kept elsewhere (engine.cc), out of consumers' sight.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "analyzer/base/ids.h"
#include "analyzer/hb/vector_clock.h"

namespace ccsp::analyzer {

// A lock the task holds: where and when it took it.
struct HeldLock {
  ObjectId lock = ObjectId::kNone;
  bool read = false;   // rwlock read mode
  uint32_t depth = 1;  // recursive re-acquisitions
  StackId stack = kEmptyStack;
  SiteId site = SiteId::kUnknown;
  uint64_t seq = 0;       // of the acquiring record
  uint32_t flags = 0;     // trace::MutexFlags of the acquisition (try, timed, ...)
};

// Between BlockBegin and BlockEnd: what the task sleeps in.
struct BlockState {
  bool blocked = false;
  bool timed = false;  // a timeout or another process may end the wait
  uint64_t seq = 0;    // of the BlockBegin record
  uint64_t ts = 0;     // ns since the trace started
  uint32_t op = 0;     // trace::BlockOp
  ObjectId object = ObjectId::kNone;
  StackId stack = kEmptyStack;
  SiteId site = SiteId::kUnknown;
  std::vector<std::pair<ObjectId, bool>> select_cases;  // (channel, true = send)
};

struct Task {
  TaskId id = TaskId::kNone;
  TaskIndex index = 0;
  VectorClock clock;  // {index: 1} from the task's first event on
  StackId stack = kEmptyStack;
  bool started = false, ended = false;
  // The runtime's own thread (kTaskInternal: the timer thread, a scheduler worker): never a
  // user task in reports, leak or all-asleep logic, or task counts.
  bool internal = false;
  // Creation (TaskCreate in the parent; TaskStart's parent field when no create was seen).
  TaskId parent = TaskId::kNone;
  uint64_t create_seq = 0;  // seq of the TaskCreate record (0: not seen)
  bool has_creation = false;
  StackId create_stack = kEmptyStack;
  SiteId create_site = SiteId::kUnknown;
  std::vector<HeldLock> held;  // in acquisition order
  BlockState block;
  uint64_t first_ts = 0, last_ts = 0;  // of its first and latest Sync record
};

}  // namespace ccsp::analyzer
