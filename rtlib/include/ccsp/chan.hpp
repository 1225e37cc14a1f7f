// ccsp::chan<T>: Go's channel as a cheap copyable handle (copies refer to the same channel).
// Happens-before, recorded for the analyzer: a send -> the receive that gets its value; for
// capacity C the k-th receive -> completion of the (k+C)-th send (unbuffered: the receive ->
// completion of its send); close -> every receive that returns because of it.
// A channel lives while a handle to it does: give each task its own copy (capture by value),
// as with std::shared_ptr; a handle captured by reference may die while a send is finishing.
#pragma once

#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>

#include "ccsp/detail/chan_state.hpp"
#include "ccsp/panic.hpp"

namespace ccsp {

template <class T>
class chan {
 public:
  using value_type = T;

  // An unbuffered channel (Go: make(chan T)).
  chan() : chan(0) {}
  // A channel buffering up to `capacity` values (Go: make(chan T, n)).
  explicit chan(std::ptrdiff_t capacity) {
    if (capacity < 0) detail::Panic(detail::MisuseKind::kPanic, "makechan: size out of range");
    {
      detail::IgnoreScope ignore;
      state_ = detail::Ref<State>(new State(static_cast<size_t>(capacity)));
    }
    detail::Record(detail::SyncKind::kChanMake, state_.get(), static_cast<uint64_t>(capacity));
  }
  // The nil channel: send and receive block forever, close panics, select never picks it.
  static chan nil() noexcept { return chan(NilTag{}); }

  // Blocks until a receiver takes the value (unbuffered) or it is buffered.
  // Panics (send on closed channel) if the channel is or becomes closed.
  void send(T value) const {
    State* st = state_.get();
    if (!st) BlockForever(detail::BlockOp::kChanSend);
    {
      detail::IgnoreScope ignore;
      if (st->cap && FastSendPolling(st, value)) return;
      detail::Waiter* wake = nullptr;
      st->LockSlow();
      if (!st->closed.load(std::memory_order_relaxed)) {
        if (st->TrySendLocked(value, &wake)) {
          st->UnlockSlow();
          if (wake) detail::Post(&wake->state, detail::Waiter::kWoken);
          return;
        }
        detail::Waiter& w = detail::tls_waiter;
        w.Reset();
        detail::Sudog<T> s;
        s.waiter = &w;
        s.src = &value;
        st->sendq.Push(&s);
        detail::RecordBlockBegin(st, detail::BlockOp::kChanSend, st->timed);
        st->UnlockSlow();
        w.Park();
        detail::RecordBlockEnd(st, detail::BlockOp::kChanSend,
                               s.success ? detail::BlockOutcome::kOk : detail::BlockOutcome::kClosed);
        if (st->FinishSendWait(s)) return;
      } else {
        st->UnlockSlow();
      }
    }
    detail::Panic(detail::MisuseKind::kSendOnClosed, "send on closed channel");
  }

  // Sends only if that does not block (a select with a default case). Returns whether it sent.
  bool try_send(T value) const {
    State* st = state_.get();
    if (!st) return false;
    {
      detail::IgnoreScope ignore;
      if (st->cap && st->FastSend(value)) return true;
      detail::Waiter* wake = nullptr;
      st->LockSlow();
      if (!st->closed.load(std::memory_order_relaxed)) {
        bool sent = st->TrySendLocked(value, &wake);
        st->UnlockSlow();
        if (wake) detail::Post(&wake->state, detail::Waiter::kWoken);
        return sent;
      }
      st->UnlockSlow();
    }
    detail::Panic(detail::MisuseKind::kSendOnClosed, "send on closed channel");
  }

  // Blocks until a value arrives; std::nullopt once the channel is closed and drained
  // (values buffered before close are still delivered).
  std::optional<T> recv() const {
    State* st = state_.get();
    if (!st) BlockForever(detail::BlockOp::kChanRecv);
    std::optional<T> out;
    detail::IgnoreScope ignore;
    if (st->cap && FastRecvPolling(st, out)) return out;
    detail::Waiter* wake = nullptr;
    st->LockSlow();
    if (st->TryRecvLocked(out, &wake)) {
      st->UnlockSlow();
      if (wake) detail::Post(&wake->state, detail::Waiter::kWoken);
      return out;
    }
    detail::Waiter& w = detail::tls_waiter;
    w.Reset();
    detail::Sudog<T> s;
    s.waiter = &w;
    s.dst = &out;
    st->recvq.Push(&s);
    detail::RecordBlockBegin(st, detail::BlockOp::kChanRecv, st->timed);
    st->UnlockSlow();
    w.Park();
    detail::RecordBlockEnd(st, detail::BlockOp::kChanRecv,
                           s.success ? detail::BlockOutcome::kOk : detail::BlockOutcome::kClosed);
    st->FinishRecvWait(s);
    return out;
  }

  // Panics on a closed or nil channel.
  void close() const {
    State* st = state_.get();
    if (!st) detail::Panic(detail::MisuseKind::kCloseNil, "close of nil channel");
    detail::CloseResult r;
    {
      detail::IgnoreScope ignore;
      r = st->Close();
    }
    if (r == detail::CloseResult::kAlreadyClosed) {
      detail::Panic(detail::MisuseKind::kCloseClosed, "close of closed channel");
    }
  }

  // Number of buffered values (0 for nil and unbuffered channels).
  std::size_t len() const noexcept {
    State* st = state_.get();
    if (!st) return 0;
    detail::IgnoreScope ignore;
    return st->Len();
  }
  std::size_t cap() const noexcept { return state_ ? state_->cap : 0; }
  bool is_nil() const noexcept { return !state_; }
  friend bool operator==(const chan& a, const chan& b) noexcept {
    return a.state_.get() == b.state_.get();
  }

  // for (T v : ch) receives until the channel is closed and drained.
  class iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    T& operator*() const noexcept { return *cur_; }
    T* operator->() const noexcept { return &*cur_; }
    iterator& operator++() {
      cur_ = ch_->recv();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
      return !it.cur_.has_value();
    }

   private:
    friend class chan;
    explicit iterator(const chan* ch) : ch_(ch), cur_(ch->recv()) {}
    const chan* ch_ = nullptr;
    mutable std::optional<T> cur_;
  };
  iterator begin() const { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

  // Internal: the shared state (nullptr for the nil channel).
  detail::ChanState<T>* state_ptr() const noexcept { return state_.get(); }
  // Internal: marks the channel as fed by a timer (after/tick/deadlines).
  void mark_timed_() const noexcept {
    if (state_) state_->timed = true;
  }
  // Internal: how many handles refer to the channel (exact only without concurrent copies).
  uint32_t use_count_() const noexcept { return state_.use_count(); }

 private:
  using State = detail::ChanState<T>;
  struct NilTag {};
  explicit chan(NilTag) noexcept {}

  // A full (empty) buffer often drains (fills) within a microsecond or two: poll the lock-free
  // path briefly before queueing, which saves the sleeping side a wake-up per value.
  static bool FastSendPolling(State* st, T& value) {
    if (st->FastSend(value)) return true;
    for (int i = 0; i < detail::kPollSpins; ++i) {
      if (st->slow.load(std::memory_order_relaxed) != 0) return false;
      detail::CpuRelax();
      if (st->FastSend(value)) return true;
    }
    return false;
  }
  static bool FastRecvPolling(State* st, std::optional<T>& out) {
    if (st->FastRecv(out)) return true;
    for (int i = 0; i < detail::kPollSpins; ++i) {
      if (st->slow.load(std::memory_order_relaxed) != 0 ||
          st->closed.load(std::memory_order_relaxed)) {
        return false;
      }
      detail::CpuRelax();
      if (st->FastRecv(out)) return true;
    }
    return false;
  }

  [[noreturn]] static void BlockForever(detail::BlockOp op) {
    detail::RecordBlockBegin(nullptr, op, false);
    detail::ParkForever();
  }

  detail::Ref<State> state_;
};

}  // namespace ccsp
