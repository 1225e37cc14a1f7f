// Parking primitives of the Go-style API: raw Linux futexes, a spin-then-park mutex for
// channel state, and one-word events with targeted wake-ups (no broadcast storms). Callers run
// them inside an ignore region, so none of these atomics adds happens-before edges.
#pragma once

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstdint>

namespace ccsp::detail {

static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t), "futex word layout");

inline void FutexWait(std::atomic<uint32_t>* word, uint32_t expected) noexcept {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected, nullptr,
          nullptr, 0);
}

// As FutexWait, giving up after `ns` nanoseconds.
inline void FutexWaitFor(std::atomic<uint32_t>* word, uint32_t expected, long ns) noexcept {
  struct timespec ts = {ns / 1000000000L, ns % 1000000000L};
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected, &ts,
          nullptr, 0);
}

// May be called on a word whose owner has already moved on (it only saw the new value):
// the kernel then finds no waiter, or returns EFAULT for unmapped memory, harmlessly.
inline void FutexWake(std::atomic<uint32_t>* word, int count) noexcept {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAKE_PRIVATE, count, nullptr,
          nullptr, 0);
}

inline void CpuRelax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

// Spin budget before parking. A handoff between two running threads takes a few hundred
// nanoseconds; a futex sleep/wake pair costs several microseconds, so a short spin pays for
// ping-pong patterns. No sched_yield phase by default: on a loaded machine a yield hands the
// CPU to other processes for a whole time slice (milliseconds), while a futex wake makes the
// woken thread runnable at once. (Overridable with -D for tuning; see bench/go_compare.)
#ifndef CCSP_SPIN_PAUSE
#define CCSP_SPIN_PAUSE 256
#endif
#ifndef CCSP_SPIN_YIELD
#define CCSP_SPIN_YIELD 0
#endif
#ifndef CCSP_POLL_SPINS
#define CCSP_POLL_SPINS 128
#endif
inline constexpr int kSpinPause = CCSP_SPIN_PAUSE;
inline constexpr int kPollSpins = CCSP_POLL_SPINS;  // a full/empty buffer polled before queueing
inline constexpr int kSpinYield = CCSP_SPIN_YIELD;

// Mutex over a futex word (Drepper's three states): 0 free, 1 locked, 2 locked with sleepers.
class Lock {
 public:
  void lock() noexcept {
    uint32_t free_state = 0;
    if (!word_.compare_exchange_strong(free_state, 1, std::memory_order_acquire,
                                       std::memory_order_relaxed)) [[unlikely]] {
      LockSlow();
    }
  }
  void unlock() noexcept {
    if (word_.exchange(0, std::memory_order_release) == 2) [[unlikely]] FutexWake(&word_, 1);
  }

 private:
  [[gnu::noinline]] void LockSlow() noexcept {
    for (int i = 0; i < 64; ++i) {
      uint32_t free_state = 0;
      if (word_.load(std::memory_order_relaxed) == 0 &&
          word_.compare_exchange_weak(free_state, 1, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        return;
      }
      CpuRelax();
    }
    while (word_.exchange(2, std::memory_order_acquire) != 0) FutexWait(&word_, 2);
  }

  std::atomic<uint32_t> word_{0};
};

// A one-word event between exactly one waiter and its wakers. Values are small states chosen
// by the user of the word; kParked marks a waiter asleep in the kernel, so a waker makes the
// futex syscall only when someone actually sleeps.
inline constexpr uint32_t kParked = 0xffffffffu;

// Blocks while *word == from. Returns the new value (acquire).
inline uint32_t WaitWhile(std::atomic<uint32_t>* word, uint32_t from) noexcept {
  for (int i = 0; i < kSpinPause; ++i) {
    uint32_t v = word->load(std::memory_order_acquire);
    if (v != from) return v;
    CpuRelax();
  }
  for (int i = 0; i < kSpinYield; ++i) {
    uint32_t v = word->load(std::memory_order_acquire);
    if (v != from) return v;
    sched_yield();
  }
  uint32_t expected = from;
  if (word->compare_exchange_strong(expected, kParked, std::memory_order_acquire,
                                    std::memory_order_acquire)) {
    for (;;) {
      FutexWait(word, kParked);
      uint32_t v = word->load(std::memory_order_acquire);
      if (v != kParked) return v;
    }
  }
  return expected;
}

// Publishes `to` (release) and wakes the waiter if it sleeps in the kernel.
inline void Post(std::atomic<uint32_t>* word, uint32_t to) noexcept {
  if (word->exchange(to, std::memory_order_release) == kParked) FutexWake(word, 1);
}

// Blocks the calling thread forever (nil channel operations, empty select).
[[noreturn]] inline void ParkForever() noexcept {
  std::atomic<uint32_t> never{0};
  for (;;) FutexWait(&never, 0);
}

}  // namespace ccsp::detail
