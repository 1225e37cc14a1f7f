// Type-independent core of channels, after Go's runtime/chan.go: the per-thread Waiter (Go's g
// as seen by a channel), sudogs queued on channels, FIFO wait queues and the locked channel
// header. Everything here is touched only inside an ignore region, under the channel's lock.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "ccsp/detail/futex.hpp"
#include "ccsp/detail/hooks.hpp"
#include "ccsp/detail/ref.hpp"

namespace ccsp::detail {

struct SudogBase;

// One per thread; a thread blocks in at most one channel operation or select at a time.
// Handoff protocol (a waker holds the channel lock and has dequeued the waiter's sudog):
//   uninstrumented: the waker moves the value, sets `fired`, unlocks, Post(state, kWoken).
//   recording:      the sleeper must record its own events (send k / recv k) at the moment
//                   of the handoff, so the waker Posts under the lock and waits on its own
//                   `handshake` word until the sleeper acks through `ack`; for an unbuffered
//                   send the waker then records its receive and Posts kGo.
// Lifetime rule: once a thread has seen its word change it may return and even exit, so the
// other side's last access is the Post's exchange; only the futex syscall follows it.
struct Waiter {
  static constexpr uint32_t kWaiting = 0, kWoken = 1, kGo = 2;
  std::atomic<uint32_t> state{kWaiting};
  std::atomic<uint32_t> select_done{0};  // a select's sudogs are claimed by CAS 0 -> 1
  std::atomic<uint32_t> handshake{0};    // this thread as a recording waker waits here
  std::atomic<uint32_t>* ack = nullptr;  // the waker's handshake word (recording only)
  SudogBase* fired = nullptr;            // the sudog that completed (set before kWoken)

  void Reset() noexcept {
    state.store(kWaiting, std::memory_order_relaxed);
    select_done.store(0, std::memory_order_relaxed);
    ack = nullptr;
    fired = nullptr;
  }
  // Sleeps until a waker has completed one of this thread's sudogs; returns it.
  SudogBase* Park() noexcept {
    WaitWhile(&state, kWaiting);
    return fired;
  }
};

// Constant-initialized, trivially destructible: no TLS guard, nothing runs at thread exit.
inline thread_local Waiter tls_waiter;

// A thread waiting on one channel (one per case of a blocked select).
struct SudogBase {
  Waiter* waiter = nullptr;
  SudogBase* next = nullptr;
  SudogBase* prev = nullptr;
  uint64_t k = 0;         // index of the value sent/received, set by the waker
  uint32_t case_index = 0;
  bool is_select = false;
  bool queued = false;
  bool success = false;   // false: woken because the channel was closed
};

// FIFO of sudogs, doubly linked so a select can withdraw from the middle. Each queued sudog
// also counts in the channel's `slow` word (see ChanBase), which keeps the lock-free buffer
// paths off while anyone waits.
class WaitQueue {
 public:
  explicit WaitQueue(std::atomic<uint32_t>* slow) noexcept : slow_(slow) {}
  bool empty() const noexcept { return head_ == nullptr; }

  void Push(SudogBase* s) noexcept {
    s->next = nullptr;
    s->prev = tail_;
    if (tail_) tail_->next = s; else head_ = s;
    tail_ = s;
    s->queued = true;
    slow_->fetch_add(1, std::memory_order_relaxed);  // under the lock, inside our own token
  }

  void Remove(SudogBase* s) noexcept {
    if (!s->queued) return;
    if (s->prev) s->prev->next = s->next; else head_ = s->next;
    if (s->next) s->next->prev = s->prev; else tail_ = s->prev;
    s->next = s->prev = nullptr;
    s->queued = false;
    slow_->fetch_sub(1, std::memory_order_release);
  }

  // Removes and returns the first sudog still available: a select's sudog whose select was
  // already won elsewhere is dropped (its owner is about to withdraw it anyway).
  SudogBase* Dequeue() noexcept {
    while (SudogBase* s = head_) {
      Remove(s);
      if (s->is_select) {
        uint32_t expected = 0;
        if (!s->waiter->select_done.compare_exchange_strong(expected, 1,
                                                            std::memory_order_acq_rel)) {
          continue;
        }
      }
      return s;
    }
    return nullptr;
  }

 private:
  std::atomic<uint32_t>* slow_;
  SudogBase* head_ = nullptr;
  SudogBase* tail_ = nullptr;
};

// The header of every channel. Values are numbered k = 0, 1, ... in the order they enter the
// channel (`enq`, sends) and leave it (`deq`, receives); for capacity C the k-th receive frees
// the slot that the (k+C)-th send fills. These are the k of the kChanSend/kChanRecv records.
//
// Buffered channels have two modes (unbuffered ones only the second):
//  * fast: nobody waits; senders and receivers use the lock-free ring (chan_state.hpp), each
//    announcing itself in inflight_send / inflight_recv for the duration of the operation.
//  * slow: under `lock`, with Go's algorithm (wait queues, direct handoffs). The lock holder
//    raises `slow` and then waits for the in-flight fast operations to finish, so it owns the
//    ring; every queued sudog also counts in `slow`, so the fast paths stay off while anyone
//    waits. Dekker pair: a fast op does inflight++ then reads slow, the slow path does slow++
//    then reads inflight (all seq_cst): one of them sees the other.
struct ChanBase : RefCounted {
  explicit ChanBase(size_t capacity) noexcept : cap(capacity) {}

  Lock lock;
  const size_t cap;
  std::atomic<uint32_t> slow{0};       // slow-path owners + queued sudogs
  std::atomic<bool> closed{false};     // set in slow mode only
  bool timed = false;  // fed by a timer (after/tick/deadline): waits on it have a timeout
  WaitQueue recvq{&slow};
  WaitQueue sendq{&slow};

  alignas(64) std::atomic<uint64_t> enq{0};  // senders' line
  std::atomic<uint32_t> inflight_send{0};
  alignas(64) std::atomic<uint64_t> deq{0};  // receivers' line
  std::atomic<uint32_t> inflight_recv{0};

  // Lock and own the buffer (see above). Every slow-path operation brackets itself with these.
  void LockSlow() noexcept {
    lock.lock();
    if (!cap) return;
    slow.fetch_add(1, std::memory_order_seq_cst);
    for (int i = 0; inflight_send.load(std::memory_order_seq_cst) != 0 ||
                    inflight_recv.load(std::memory_order_seq_cst) != 0;
         ++i) {
      if (i < 64) CpuRelax(); else sched_yield();  // fast ops never block: this is short
    }
  }
  void UnlockSlow() noexcept {
    if (cap) slow.fetch_sub(1, std::memory_order_release);
    lock.unlock();
  }

  size_t Len() const noexcept {
    uint64_t d = deq.load(std::memory_order_acquire);
    uint64_t e = enq.load(std::memory_order_acquire);
    return e > d ? static_cast<size_t>(std::min<uint64_t>(e - d, cap)) : 0;
  }
};

// Completes a handoff to a dequeued sleeper (see Waiter). Called with the channel locked.
// Uninstrumented: returns the waiter for the caller to Post after unlocking. Recording: wakes
// it now and waits until it has recorded its side; returns nullptr.
inline Waiter* HandOff(SudogBase* s) noexcept {
  Waiter* w = s->waiter;
  w->fired = s;
  if (!Recording()) return w;
  Waiter& me = tls_waiter;
  me.handshake.store(0, std::memory_order_relaxed);
  w->ack = &me.handshake;
  Post(&w->state, Waiter::kWoken);
  WaitWhile(&me.handshake, 0);
  return nullptr;
}

// Sleeper side of HandOff when recording: tell the waker our events are recorded.
inline void AckHandOff(Waiter* w) noexcept { Post(w->ack, 1); }

// Small fast PRNG per thread (select's random choice; no need for quality beyond uniformity).
inline thread_local uint64_t tls_rng_state = 0;

inline uint32_t FastRand() noexcept {
  uint64_t s = tls_rng_state;
  if (s == 0) {
    s = reinterpret_cast<uintptr_t>(&tls_rng_state) ^
        static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  s += 0x9e3779b97f4a7c15ull;  // splitmix64
  tls_rng_state = s;
  uint64_t z = s;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return static_cast<uint32_t>((z ^ (z >> 31)) >> 32);
}

// Uniform in [0, n).
inline uint32_t FastRandN(uint32_t n) noexcept {
  return static_cast<uint32_t>((static_cast<uint64_t>(FastRand()) * n) >> 32);
}

}  // namespace ccsp::detail
