// What the detectors find, as plain data: no printing here (renderers in report_*.h turn
// findings into text or JSON). Stacks are already expanded into source frames, innermost
// first, with inlined frames spelled out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ccsp::analyzer {

struct Frame {
  std::string function;  // "" when unknown
  std::string file;      // as the compiler saw it; "" when unknown
  uint32_t line = 0;     // 0 when unknown
  uint32_t column = 0;
  std::string module;  // path of the module the site belongs to (suppressions only)
};
using Stack = std::vector<Frame>;

enum class FindingKind { kDataRace, kMisuse, kAllAsleep, kDeadlock, kLeak };

// One side of a race.
struct AccessDesc {
  bool write = false;
  bool atomic = false;
  bool free = false;  // the access is the implicit whole-block write of a free()
  uint64_t size = 0;
  uint64_t addr = 0;
  uint32_t task = 0;
  Stack stack;
};

enum class LocationKind { kUnknown, kGlobal, kHeap, kStack };

struct Location {
  LocationKind kind = LocationKind::kUnknown;
  uint64_t addr = 0;  // start of the global / block / stack range
  uint64_t size = 0;
  std::string name;   // global
  std::string file;   // global
  uint32_t line = 0;  // global
  uint32_t task = 0;  // heap: allocating task; stack: owner task
  Stack alloc_stack;  // heap
};

struct TaskDesc {
  uint32_t id = 0;
  uint32_t created_by = 0;  // 0: the main task / unknown
  bool running = true;      // false once the task ended
  bool blocked = false;     // running, but inside a blocking operation (a leak, a wait)
  std::string name;
  Stack creation_stack;
  // all-asleep: what the task is blocked in
  std::string op;
  uint64_t object = 0;
  Stack stack;
};

// One edge of a lock-order cycle: `task` acquired `acquired` while holding `held`.
struct LockEdgeDesc {
  uint64_t held = 0, acquired = 0;
  bool held_read = false, acquired_read = false;  // rwlock read mode
  uint32_t task = 0;
  Stack acquire_stack;  // where `acquired` was taken
  Stack held_stack;     // where `held` had been taken
};

struct Finding {
  FindingKind kind = FindingKind::kDataRace;
  uint64_t count = 1;  // occurrences folded into this report
  // kDataRace: [0] the later access, [1] the earlier one it races with.
  std::vector<AccessDesc> accesses;
  Location location;
  // Tasks involved (race: the two accessing tasks; misuse: the task; all-asleep: the blocked).
  std::vector<TaskDesc> tasks;
  // kMisuse / kAllAsleep / kLeak (leak: tasks[0] is the leaked task, op/object/stack in it)
  std::string misuse;   // "unlock-unlocked", "send-on-closed", ... ("panic" for messages)
  std::string message;  // the runtime's message
  uint32_t task = 0;    // misuse: the task that misused
  Stack stack;          // misuse: where
  uint64_t object = 0;  // misuse: the object
  // kDeadlock: the cycle, edge i's `acquired` is edge i+1's `held`.
  std::vector<LockEdgeDesc> edges;
  // Set by suppressions.
  bool suppressed = false;
  std::string suppressed_by;  // the matching suppression line
};

const char* FindingKindName(FindingKind k);  // "data-race", "misuse", "all-asleep"

}  // namespace ccsp::analyzer
