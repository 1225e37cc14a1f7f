// One process-wide timer thread behind after/tick and context deadlines. Started on first use,
// it exits after kIdleExit without timers (a later timer starts a new one), so an idle program
// keeps no extra task. The service is leaked on purpose: tasks may still use it while static
// destructors run after main returns.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "ccsp/detail/hooks.hpp"

namespace ccsp::detail {

using Clock = std::chrono::steady_clock;

class TimerService {
 public:
  struct Handle {
    Clock::time_point when{};
    uint64_t id = 0;  // 0: no timer
  };
  static constexpr auto kIdleExit = std::chrono::milliseconds(100);

  // The service; call only inside an ignore region (its lazy initialization must not be seen
  // as a once-edge between the tasks that use timers).
  static TimerService& Get() {
    static TimerService* service = new TimerService;
    return *service;
  }

  // Runs fn on the timer thread at `when`. fn must not block.
  static Handle Add(Clock::time_point when, std::function<void()> fn) {
    Handle h;
    bool start = false;
    TimerService* self;
    {
      IgnoreScope ignore;
      self = &Get();
      std::lock_guard<std::mutex> guard(self->mu_);
      h = Handle{when, self->next_id_++};
      auto it = self->timers_.emplace(std::make_pair(when, h.id), std::move(fn)).first;
      // The callback (and what it captured) was made here: Add -> its run on the timer thread.
      Record(SyncKind::kRelease, &it->second);
      if (!self->running_) {
        self->running_ = true;
        start = true;
      } else if (it == self->timers_.begin()) {
        self->cv_.notify_one();
      }
    }
    // Outside the ignore region: the runtime must see the thread's creation (a task).
    if (start) std::thread([self] { self->Loop(); }).detach();
    return h;
  }

  // Removes a pending timer; false if it already ran (or is running) or never existed.
  static bool Cancel(Handle h) {
    if (h.id == 0) return false;
    IgnoreScope ignore;
    TimerService& self = Get();
    std::lock_guard<std::mutex> guard(self.mu_);
    return self.timers_.erase(std::make_pair(h.when, h.id)) > 0;
  }

 private:
  TimerService() = default;

  void Loop() {
    Record(SyncKind::kTaskInternal, this);  // the runtime's thread, not a user task
    for (;;) {
      std::function<void()> due;
      {
        IgnoreScope ignore;
        std::unique_lock<std::mutex> lock(mu_);
        for (;;) {
          if (timers_.empty()) {
            // Idle: no timer is pending, so this wait can wake no one (the watchdog and the
            // analyzer do not wait for it).
            RecordBlockBegin(this, BlockOp::kIdle, true);
            bool more = cv_.wait_for(lock, kIdleExit, [this] { return !timers_.empty(); });
            RecordBlockEnd(this, BlockOp::kIdle, more ? BlockOutcome::kOk : BlockOutcome::kTimedOut);
            if (!more) {
              running_ = false;
              return;
            }
          }
          auto first = timers_.begin();
          if (first->first.first <= Clock::now()) {
            Record(SyncKind::kAcquire, &first->second);
            due = std::move(first->second);
            timers_.erase(first);
            break;
          }
          // A timer is pending: a timed wait, so the all-asleep watchdog stays quiet.
          RecordBlockBegin(this, BlockOp::kSleep, true);
          cv_.wait_until(lock, first->first.first);
          RecordBlockEnd(this, BlockOp::kSleep, BlockOutcome::kTimedOut);
        }
      }
      due();  // recorded normally: it sends on a channel or cancels a context
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::pair<Clock::time_point, uint64_t>, std::function<void()>> timers_;
  uint64_t next_id_ = 1;
  bool running_ = false;
};

}  // namespace ccsp::detail
