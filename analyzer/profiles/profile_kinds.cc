// The table of profile types (profile_kinds.h). Meanings follow Go's runtime/pprof; where a
// figure is exact rather than sampled, the text says so.
#include "analyzer/profiles/profile_kinds.h"

#include <array>

namespace ccsp::analyzer {
namespace {

constexpr std::array<ProfileKindInfo, 6> kKinds = {{
    {ProfileKind::kMutex, "mutex", "",
     "contentions/count, delay/nanoseconds: time other tasks waited for a lock, charged to the "
     "unlock that ended the wait and scaled by the number of waiters (Go 1.22); mutexes, "
     "rwlocks (both modes), std::mutex, std::shared_mutex",
     "mutex.pb.gz"},
    {ProfileKind::kBlock, "block", "",
     "contentions/count, delay/nanoseconds: where tasks blocked and for how long (channel "
     "send/receive, select, cond wait, wait-group wait, join, semaphore, barrier, lock "
     "acquisition; sleeping is not blocking)",
     "block.pb.gz"},
    {ProfileKind::kTask, "task", "goroutine",
     "goroutine/count: live tasks by stack at the end of the trace (or at --at=SECONDS), "
     "labelled with their state (running or the blocking operation)",
     "task.pb.gz"},
    {ProfileKind::kHeap, "heap", "",
     "alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes by "
     "allocation stack, default inuse_space; exact: every allocation and free is in the trace",
     "heap.pb.gz"},
    {ProfileKind::kAllocs, "allocs", "",
     "the heap profile's values with alloc_space shown by default; exact, not sampled",
     "allocs.pb.gz"},
    {ProfileKind::kCpu, "cpu", "",
     "samples/count, cpu/nanoseconds: each task's instrumented call stack sampled on its own CPU "
     "time (CCSP_OPTIONS=cpu_profile_hz, default 100); busy uninstrumented code counts at its "
     "innermost instrumented caller",
     "cpu.pb.gz"},
}};

}  // namespace

std::span<const ProfileKindInfo> ProfileKinds() { return kKinds; }

const ProfileKindInfo& InfoOf(ProfileKind kind) {
  for (const ProfileKindInfo& k : kKinds)
    if (k.kind == kind) return k;
  return kKinds[0];
}

std::optional<ProfileKind> ParseProfileKind(std::string_view name) {
  for (const ProfileKindInfo& k : kKinds)
    if (name == k.name || (!k.alias.empty() && name == k.alias)) return k.kind;
  return std::nullopt;
}

}  // namespace ccsp::analyzer
