// ccsp::select: Go's select statement. Each case holds its own copy of its channel handle, so
// temporaries are fine (recv_case(ctx.done(), ...), recv_case(ccsp::after(d), ...)). Returns the
// 0-based argument position of the case that ran; the callback runs after the channel
// operation completed, outside every internal lock.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

#include "ccsp/chan.hpp"
#include "ccsp/detail/select_impl.hpp"

namespace ccsp {

namespace detail {
struct Noop {
  void operator()(auto&&...) const noexcept {}
};
}  // namespace detail

// A receive case. fn is called with the std::optional<T> received (std::nullopt: closed), or
// with no arguments if it takes none.
template <class T, class F>
class recv_case_t final : public detail::CaseBase {
  static_assert(std::is_invocable_v<F&, std::optional<T>> || std::is_invocable_v<F&>,
                "recv_case callback must take std::optional<T> or nothing");

 public:
  recv_case_t(chan<T> ch, F fn) : ch_(std::move(ch)), fn_(std::move(fn)) {
    channel = ch_.state_ptr();
  }
  bool TryFast() override { return State()->FastRecv(value_); }
  bool TryLocked(detail::Waiter** wake) override { return State()->TryRecvLocked(value_, wake); }
  void Enqueue(detail::Waiter* w, uint32_t index) override {
    sudog_.waiter = w;
    sudog_.dst = &value_;
    sudog_.is_select = true;
    sudog_.case_index = index;
    State()->recvq.Push(&sudog_);
  }
  void Withdraw() override { State()->recvq.Remove(&sudog_); }
  bool FinishWait() override {
    State()->FinishRecvWait(sudog_);
    return true;
  }
  void Run() override {
    if constexpr (std::is_invocable_v<F&, std::optional<T>>) {
      fn_(std::move(value_));
    } else {
      fn_();
    }
  }

 private:
  detail::ChanState<T>* State() const noexcept { return ch_.state_ptr(); }
  chan<T> ch_;
  F fn_;
  std::optional<T> value_;
  detail::Sudog<T> sudog_;
};

// A send case: sends its own copy of the value; fn() runs after the send completed.
template <class T, class F>
class send_case_t final : public detail::CaseBase {
 public:
  send_case_t(chan<T> ch, T value, F fn)
      : ch_(std::move(ch)), value_(std::move(value)), fn_(std::move(fn)) {
    channel = ch_.state_ptr();
    is_send = true;
  }
  bool TryFast() override { return State()->FastSend(value_); }
  bool TryLocked(detail::Waiter** wake) override { return State()->TrySendLocked(value_, wake); }
  void Enqueue(detail::Waiter* w, uint32_t index) override {
    sudog_.waiter = w;
    sudog_.src = &value_;
    sudog_.is_select = true;
    sudog_.case_index = index;
    State()->sendq.Push(&sudog_);
  }
  void Withdraw() override { State()->sendq.Remove(&sudog_); }
  bool FinishWait() override { return State()->FinishSendWait(sudog_); }
  void Run() override { fn_(); }

 private:
  detail::ChanState<T>* State() const noexcept { return ch_.state_ptr(); }
  chan<T> ch_;
  T value_;
  F fn_;
  detail::Sudog<T> sudog_;
};

// Runs when no other case is ready; makes select non-blocking.
template <class F>
class default_case_t final : public detail::CaseBase {
 public:
  static constexpr bool is_default_type = true;
  explicit default_case_t(F fn) : fn_(std::move(fn)) { is_default = true; }
  bool TryFast() override { return false; }
  bool TryLocked(detail::Waiter**) override { return false; }
  void Enqueue(detail::Waiter*, uint32_t) override {}
  void Withdraw() override {}
  bool FinishWait() override { return true; }
  void Run() override { fn_(); }

 private:
  F fn_;
};

template <class T, class F = detail::Noop>
recv_case_t<T, F> recv_case(chan<T> ch, F fn = {}) {
  return recv_case_t<T, F>(std::move(ch), std::move(fn));
}

template <class T, class F = detail::Noop>
send_case_t<T, F> send_case(chan<T> ch, std::type_identity_t<T> value, F fn = {}) {
  return send_case_t<T, F>(std::move(ch), std::move(value), std::move(fn));
}

template <class F = detail::Noop>
default_case_t<F> default_case(F fn = {}) {
  return default_case_t<F>(std::move(fn));
}

// Blocks until one case can proceed (or runs the default case), performs it and runs its
// callback. Among ready cases the choice is uniformly random; nil-channel cases are never
// ready; select() with no cases blocks forever. Returns the chosen case's argument position.
template <class... Cases>
std::size_t select(Cases&&... cases) {
  static_assert((std::is_base_of_v<detail::CaseBase, std::remove_cvref_t<Cases>> && ...),
                "select takes recv_case, send_case and default_case arguments");
  static_assert(((std::remove_cvref_t<Cases>::is_default_type ? 1 : 0) + ... + 0) <= 1,
                "select takes at most one default_case");
  constexpr std::size_t n = sizeof...(Cases);
  if constexpr (n == 0) {
    detail::SelectForever();
  } else {
    detail::CaseBase* list[n] = {static_cast<detail::CaseBase*>(&cases)...};
    uint32_t poll[n];
    detail::ChanBase* locks[n];
    return detail::SelectImpl(list, n, poll, locks);
  }
}

}  // namespace ccsp
