// ccsp::wait_group: Go's sync.WaitGroup. Happens-before: every done() (add with a negative
// delta) -> the wait() it releases. A negative counter panics ("sync: negative WaitGroup
// counter"). Not copyable: share it by reference, as Go shares a *WaitGroup.
#pragma once

#include <atomic>
#include <climits>
#include <cstddef>
#include <cstdint>

#include "ccsp/detail/futex.hpp"
#include "ccsp/detail/hooks.hpp"
#include "ccsp/panic.hpp"

namespace ccsp {

class wait_group {
 public:
  wait_group() = default;
  wait_group(const wait_group&) = delete;
  wait_group& operator=(const wait_group&) = delete;

  void add(std::ptrdiff_t delta) {
    bool negative = false;
    {
      detail::IgnoreScope ignore;
      bool wake = false;
      lock_.lock();
      detail::Record(detail::SyncKind::kWgAdd, this, abi::ZigZag(delta));
      count_ += delta;
      if (count_ < 0) {
        negative = true;
      } else if (count_ == 0 && waiters_ > 0) {
        waiters_ = 0;
        gen_.fetch_add(1, std::memory_order_release);
        wake = true;
      }
      // The unlock is our last write to *this: a woken waiter passes through the lock before
      // returning, and the wait_group may be destroyed right after.
      lock_.unlock();
      if (wake) detail::FutexWake(&gen_, INT_MAX);
    }
    if (negative) {
      detail::Panic(detail::MisuseKind::kNegativeWaitGroup, "sync: negative WaitGroup counter");
    }
  }

  void done() { add(-1); }

  // Blocks until the counter is zero.
  void wait() {
    detail::IgnoreScope ignore;
    lock_.lock();
    if (count_ == 0) {
      detail::Record(detail::SyncKind::kWgWait, this);
      lock_.unlock();
      return;
    }
    ++waiters_;
    uint32_t gen = gen_.load(std::memory_order_relaxed);
    detail::RecordBlockBegin(this, detail::BlockOp::kWgWait, false);
    lock_.unlock();
    for (int i = 0; gen_.load(std::memory_order_acquire) == gen; ++i) {
      if (i < detail::kSpinPause) {
        detail::CpuRelax();
      } else {
        detail::FutexWait(&gen_, gen);
      }
    }
    lock_.lock();  // wait for the releasing add() to be done with *this
    lock_.unlock();
    detail::RecordBlockEnd(this, detail::BlockOp::kWgWait, detail::BlockOutcome::kOk);
    detail::Record(detail::SyncKind::kWgWait, this);
  }

 private:
  detail::Lock lock_;
  int64_t count_ = 0;
  uint32_t waiters_ = 0;
  std::atomic<uint32_t> gen_{0};  // bumped (under lock_) each time waiters are released
};

}  // namespace ccsp
