// The runtime's internal lock: a test-and-test-and-set spinlock that yields under contention.
// Used only around short, rare critical sections (chunk allocation, metadata, task registry)
// so that the runtime never calls the pthread functions it intercepts.
#pragma once

#include <sched.h>

#include <atomic>

namespace ccsp::rt {

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

class SpinLock {
 public:
  constexpr SpinLock() = default;
  void Lock() {
    for (unsigned spins = 0;; ++spins) {
      if (!state_.exchange(1, std::memory_order_acquire)) return;
      while (state_.load(std::memory_order_relaxed)) {
        if (++spins > 64) sched_yield();
        else CpuRelax();
      }
    }
  }
  bool TryLock() { return !state_.exchange(1, std::memory_order_acquire); }
  void Unlock() { state_.store(0, std::memory_order_release); }
  // After fork(): the child has only the forking thread, so a lock held by another thread
  // at fork time can never be released; reset it.
  void ResetAfterFork() { state_.store(0, std::memory_order_relaxed); }

 private:
  std::atomic<unsigned> state_{0};
};

class SpinLockGuard {
 public:
  explicit SpinLockGuard(SpinLock& l) : l_(l) { l_.Lock(); }
  ~SpinLockGuard() { l_.Unlock(); }
  SpinLockGuard(const SpinLockGuard&) = delete;
  SpinLockGuard& operator=(const SpinLockGuard&) = delete;

 private:
  SpinLock& l_;
};

}  // namespace ccsp::rt
