// What the detectors find, as plain data: no printing here (renderers in report_*.h turn
// findings into text or JSON). Stacks are already expanded into source frames, innermost
// first, with inlined frames spelled out.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/base/ids.h"

namespace ccsp::analyzer {

struct Frame {
  std::string function;  // "" when unknown
  std::string file;      // as the compiler saw it; "" when unknown
  uint32_t line = 0;     // 0 when unknown
  uint32_t column = 0;
  std::string module;  // path of the module the site belongs to (suppressions only)
};
using Stack = std::vector<Frame>;

// Ids print as their numbers in reports.
inline std::ostream& operator<<(std::ostream& o, TaskId t) { return o << Raw(t); }
inline std::string ToString(TaskId t) { return std::to_string(Raw(t)); }

// kDeadlock: a potential deadlock (a lock-order cycle, predicted); kWaitDeadlock: tasks that
// are blocked forever waiting for each other (an actual deadlock, a wait-for cycle).
enum class FindingKind { kDataRace, kMisuse, kAllAsleep, kDeadlock, kLeak, kWaitDeadlock };

// One side of a race.
struct AccessDesc {
  bool write = false;
  bool atomic = false;
  bool free = false;  // the access is the implicit whole-block write of a free()
  uint64_t size = 0;
  uint64_t addr = 0;
  TaskId task = TaskId::kNone;
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
  TaskId task = TaskId::kNone;  // heap: allocating task; stack: owner task
  Stack alloc_stack;  // heap
};

struct TaskDesc {
  TaskId id = TaskId::kNone;
  TaskId created_by = TaskId::kNone;  // kNone: the main task / unknown
  bool running = true;      // false once the task ended
  bool blocked = false;     // running, but inside a blocking operation (a leak, a wait)
  std::string name;
  Stack creation_stack;
  // all-asleep: what the task is blocked in
  std::string op;
  ObjectId object = ObjectId::kNone;
  Stack stack;
};

// One edge of a lock-order cycle: `task` acquired `acquired` while holding `held`.
struct LockEdgeDesc {
  ObjectId held = ObjectId::kNone, acquired = ObjectId::kNone;
  bool held_read = false, acquired_read = false;  // rwlock read mode
  TaskId task = TaskId::kNone;
  Stack acquire_stack;  // where `acquired` was taken
  Stack held_stack;     // where `held` had been taken
  // Edges through something other than a lock (a channel) say what happens at each stack:
  // "sends on channel 0x.. while holding 0x..", ... Empty for a plain lock edge.
  std::string what, held_what;
};

// A lock a blocked task holds, and where it took it.
struct HeldDesc {
  ObjectId lock = ObjectId::kNone;
  bool read = false;
  Stack stack;
};

// One task of an actual deadlock: what it is blocked in, whom it waits for, what it holds.
struct WaitDesc {
  TaskId task = TaskId::kNone;
  std::string op;  // Go's words: "sync.Mutex lock", "chan receive", ...
  ObjectId object = ObjectId::kNone;
  Stack stack;                  // where it blocked
  std::vector<TaskId> waits_for;  // the tasks that could end its wait (all in the cycle)
  std::vector<HeldDesc> holding;
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
  std::string reason;   // kLeak: why nothing can end the wait
  TaskId task = TaskId::kNone;         // misuse: the task that misused
  Stack stack;                         // misuse: where
  ObjectId object = ObjectId::kNone;   // misuse: the object
  // kDeadlock: the cycle, edge i's `acquired` is edge i+1's `held`.
  std::vector<LockEdgeDesc> edges;
  // kWaitDeadlock: every task of the cycle.
  std::vector<WaitDesc> waits;
  // Set by suppressions.
  bool suppressed = false;
  std::string suppressed_by;  // the matching suppression line
};

// The table of report kinds: every renderer's per-kind words come from here, so a new kind is
// an enum value, a row here and a render function per renderer.
struct FindingKindInfo {
  FindingKind kind;
  const char* key;       // JSON "kind" and summary key: "data-race"
  const char* summary;   // text SUMMARY phrase: "data race(s)"
  bool always_counted;   // shown in the text SUMMARY even when zero
};
inline constexpr FindingKindInfo kFindingKinds[] = {
    {FindingKind::kDataRace, "data-race", "data race(s)", true},
    {FindingKind::kMisuse, "misuse", "misuse(s)", true},
    {FindingKind::kAllAsleep, "all-asleep", "all-asleep deadlock(s)", true},
    {FindingKind::kDeadlock, "potential-deadlock", "potential deadlock(s)", false},
    {FindingKind::kLeak, "leak", "leaked task report(s)", false},
    {FindingKind::kWaitDeadlock, "deadlock", "deadlock(s)", false},
};
inline constexpr size_t kFindingKindCount = sizeof(kFindingKinds) / sizeof(kFindingKinds[0]);
// Rows are in enum order: FindingSummary indexes counts by the enum's value.
constexpr bool KindTableInOrder() {
  for (size_t i = 0; i < kFindingKindCount; ++i)
    if (static_cast<size_t>(kFindingKinds[i].kind) != i) return false;
  return true;
}
static_assert(KindTableInOrder(), "kFindingKinds must list the kinds in enum order");

const char* FindingKindName(FindingKind k);  // kFindingKinds' key: "data-race", "misuse", ...

// One count of what was reported, by kind, for any number of analyzed traces.
struct FindingSummary {
  size_t by_kind[kFindingKindCount] = {};
  size_t reported = 0;
  size_t suppressed = 0;
  void Add(const std::vector<Finding>& findings);
  size_t Count(FindingKind k) const { return by_kind[static_cast<size_t>(k)]; }
};

}  // namespace ccsp::analyzer
