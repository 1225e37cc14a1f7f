// Go's time.After, time.Tick and time.Sleep. Timer channels deliver the steady_clock time at
// which they fired, from the shared timer thread (detail/timer_service.hpp); a wait on such a
// channel is recorded as timed, so the all-asleep watchdog stays quiet while it is pending.
#pragma once

#include <chrono>
#include <thread>

#include "ccsp/chan.hpp"
#include "ccsp/detail/timer_service.hpp"

namespace ccsp {

using time_point = std::chrono::steady_clock::time_point;

namespace detail {

inline Clock::time_point DeadlineAfter(Clock::duration d) {
  Clock::time_point now = Clock::now();
  if (d > Clock::time_point::max() - now) return Clock::time_point::max();
  return now + d;
}

template <class Rep, class Period>
Clock::duration ToClock(std::chrono::duration<Rep, Period> d) {
  using Wide = std::chrono::duration<long double, std::nano>;
  if (Wide(d) >= Wide(Clock::duration::max())) return Clock::duration::max();
  if (Wide(d) <= Wide(Clock::duration::zero())) return Clock::duration::zero();
  return std::chrono::ceil<Clock::duration>(d);
}

struct Ticker {
  chan<time_point> ch;
  Clock::duration period;
  void Arm(Clock::time_point when) {
    TimerService::Add(when, [this, when] { Fire(when); });
  }
  void Fire(Clock::time_point when) {
    // Nobody but us holds the channel: nobody can receive, stop (Go's GC collects it).
    if (ch.use_count_() <= 1) {
      IgnoreScope ignore;
      delete this;
      return;
    }
    ch.try_send(Clock::now());  // drops the tick for a slow receiver, as Go does
    Clock::time_point next = when + period;
    Clock::time_point now = Clock::now();
    if (next < now) next = now;  // skip missed ticks
    Arm(next);
  }
};

}  // namespace detail

// A channel that receives the current time once, after d (Go: time.After).
template <class Rep, class Period>
chan<time_point> after(std::chrono::duration<Rep, Period> d) {
  chan<time_point> ch(1);
  ch.mark_timed_();
  detail::Clock::duration wait = detail::ToClock(d);
  if (wait == detail::Clock::duration::zero()) {
    ch.send(detail::Clock::now());
    return ch;
  }
  detail::TimerService::Add(detail::DeadlineAfter(wait), [ch] {
    if (ch.use_count_() > 1) ch.try_send(detail::Clock::now());
  });
  return ch;
}

// A channel that receives the time every d; ticks are dropped for a slow receiver
// (Go: time.Tick). d <= 0 gives the nil channel. Ticking stops once no handle is left.
template <class Rep, class Period>
chan<time_point> tick(std::chrono::duration<Rep, Period> d) {
  detail::Clock::duration period = detail::ToClock(d);
  if (period == detail::Clock::duration::zero()) return chan<time_point>::nil();
  chan<time_point> ch(1);
  ch.mark_timed_();
  detail::Ticker* t;
  {
    detail::IgnoreScope ignore;
    t = new detail::Ticker{ch, period};
  }
  t->Arm(detail::DeadlineAfter(period));
  return ch;
}

// Pauses the calling task for at least d (Go: time.Sleep); recorded as a timed block.
template <class Rep, class Period>
void sleep(std::chrono::duration<Rep, Period> d) {
  detail::RecordBlockBegin(nullptr, detail::BlockOp::kSleep, true);
  {
    detail::IgnoreScope ignore;  // the runtime need not intercept nanosleep as well
    std::this_thread::sleep_for(d);
  }
  detail::RecordBlockEnd(nullptr, detail::BlockOp::kSleep, detail::BlockOutcome::kOk);
}

}  // namespace ccsp
