// __ccsp_atomic_begin/end/fence. begin takes the stripe lock of the address; end takes the
// seq from the stripe's own counter (a Lamport stamp above both the stripe's last one and the
// task's, see NextSeq), releases the lock and records. No atomic touches a line shared by all
// tasks: the stripe's line carries both its lock and its counter. The stripe held is remembered in the task state so a
// nested begin (signal handler) neither deadlocks nor releases someone else's stripe.
#include "atomics.h"

#include <atomic>

#include "ccsp/abi.h"
#include "record.h"
#include "spin_lock.h"

namespace ccsp::rt {
namespace {

constexpr unsigned kStripeBits = 10;
struct alignas(64) Stripe {
  std::atomic<uint32_t> v{0};
  uint64_t stamp = 0;  // the stripe's last seq; guarded by v
};
constinit Stripe g_stripes[1u << kStripeBits];

CCSP_ALWAYS_INLINE uint32_t StripeOf(const void* p) {
  return static_cast<uint32_t>((reinterpret_cast<uint64_t>(p) >> 3) * 0x9E3779B97F4A7C15ull >> (64 - kStripeBits));
}

CCSP_NOINLINE void LockStripeSlow(std::atomic<uint32_t>& v) {
  for (unsigned spins = 0;;) {
    while (v.load(std::memory_order_relaxed)) {
      // A holder that does not let go within ~64 pauses was most likely preempted inside its
      // few instructions (more tasks than cores): spinning on would burn our whole time slice.
      if (++spins > 64) sched_yield();
      else CpuRelax();
    }
    if (!v.exchange(1, std::memory_order_acquire)) return;
  }
}

CCSP_ALWAYS_INLINE void LockStripe(uint32_t i) {
  std::atomic<uint32_t>& v = g_stripes[i].v;
  if (CCSP_UNLIKELY(v.exchange(1, std::memory_order_acquire))) LockStripeSlow(v);
}

CCSP_NOINLINE void AtomicRecord(TaskState& t, uint32_t kind_order, uint32_t size, const void* addr, uint32_t site,
                                uint64_t seq) {
  CloseRuns(t);
  if (!EmitFrames(t) || !Reserve(t)) return;
  auto kind = static_cast<trace::AtomicKind>((kind_order >> 4) & 15);
  auto order = static_cast<trace::MemOrder>(kind_order & 15);
  t.pos = trace::EncodeAtomic(t.pos, t.ss, kind, order, size, reinterpret_cast<uint64_t>(addr), site, seq);
  Publish(t);
  // An ordering operation ends the task's filter epoch; relaxed ones create no edge.
  if (order != trace::MemOrder::kRelaxed) BumpEpoch(t);
}

}  // namespace

void ResetAtomicStripesInChild() {
  for (Stripe& s : g_stripes) s.v.store(0, std::memory_order_relaxed);
}

}  // namespace ccsp::rt

using namespace ccsp::rt;

CCSP_EXPORT void __ccsp_atomic_begin(const void* addr) {
  TaskState& t = Cur();
  if (CCSP_UNLIKELY(t.suppress | t.held_stripe)) return;
  if (CCSP_UNLIKELY(t.phase != Phase::kActive) && (!EnsureTask(t) || t.suppress)) return;
  uint32_t i = StripeOf(addr);
  LockStripe(i);
  t.held_stripe = i + 1;
}

CCSP_EXPORT void __ccsp_atomic_end(const void* addr, uint32_t kind_order, uint32_t size, uint32_t site) {
  TaskState& t = Cur();
  uint32_t held = t.held_stripe;
  if (CCSP_UNLIKELY(!held)) return;
  Stripe& stripe = g_stripes[held - 1];
  uint64_t seq = (stripe.stamp > t.last_seq ? stripe.stamp : t.last_seq) + 1;
  stripe.stamp = seq;
  t.last_seq = seq;
  t.held_stripe = 0;
  stripe.v.store(0, std::memory_order_release);
  if (CCSP_UNLIKELY(t.suppress)) return;
  AtomicRecord(t, kind_order, size, addr, site, seq);
}

CCSP_EXPORT void __ccsp_atomic_fence(uint32_t kind_order, uint32_t site) {
  TaskState& t = Cur();
  if (!Recording(t)) return;
  AtomicRecord(t, kind_order, 0, nullptr, site, ++t.last_seq);  // a fence orders only its task
}

// Used by the __cxa_guard_release interceptor: the guard byte's release store as an atomic.
namespace ccsp::rt {
void AtomicStoreBegin(const void* addr) { __ccsp_atomic_begin(addr); }
void AtomicStoreEnd(const void* addr, uint32_t size, uint32_t site) {
  __ccsp_atomic_end(addr, static_cast<uint32_t>(trace::AtomicKind::kStore) << 4 |
                              static_cast<uint32_t>(trace::MemOrder::kRelease), size, site);
}
}  // namespace ccsp::rt
