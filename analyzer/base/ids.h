// Strong ids for what the analyzer talks about, so a task id is never passed where a site or a
// stack id belongs. Raw integers appear only at the edges: decoded records (trace::Record)
// and the shadow memory's packed cells, which convert with Raw()/the constructors.
#pragma once

#include <cstdint>
#include <functional>

namespace ccsp::analyzer {

// The runtime's task number (main = 1); 0 = none/unknown. Untrusted: ids in a trace may be
// sparse or forged, so state is indexed by the dense TaskIndex below, never by TaskId.
enum class TaskId : uint32_t { kNone = 0 };
// A global site id (module site base + local index); 0 = unknown.
enum class SiteId : uint32_t { kUnknown = 0 };
// An interned call stack (node of the StackTrie); 0 = the empty stack.
enum class StackId : uint32_t { kEmpty = 0 };
// A synchronization object or memory block, by address (mutex, channel, wait group, ...).
// Locks are objects too: a lock id is its ObjectId.
enum class ObjectId : uint64_t { kNone = 0 };

// Dense task number, 0..tasks-1, in the order the replay first met each task: the index of
// vector clocks and of every per-task table.
using TaskIndex = uint32_t;
inline constexpr TaskIndex kNoTask = 0xffffffffu;

inline constexpr StackId kEmptyStack = StackId::kEmpty;

template <class Id>
constexpr auto Raw(Id id) {
  return static_cast<std::underlying_type_t<Id>>(id);
}
constexpr TaskId AsTask(uint64_t v) { return v <= UINT32_MAX ? TaskId(static_cast<uint32_t>(v)) : TaskId::kNone; }

}  // namespace ccsp::analyzer

template <>
struct std::hash<ccsp::analyzer::TaskId> {
  size_t operator()(ccsp::analyzer::TaskId t) const { return std::hash<uint32_t>()(static_cast<uint32_t>(t)); }
};
template <>
struct std::hash<ccsp::analyzer::ObjectId> {
  size_t operator()(ccsp::analyzer::ObjectId o) const { return std::hash<uint64_t>()(static_cast<uint64_t>(o)); }
};
