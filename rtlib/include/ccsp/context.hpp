// Go's context package: background(), with_cancel, with_timeout, with_deadline. A context is a
// cheap copyable handle. done() is a chan<std::monostate> closed on cancellation (the nil
// channel for background(), which is never cancelled); err() is std::nullopt until then, then
// ctx_error::canceled or ctx_error::deadline_exceeded. Cancelling cancels every descendant;
// cancelling twice is harmless. Happens-before: cancel -> whoever observes done() or a
// non-empty err(). As in Go, call the cancel function when done with a derived context: until
// it or an ancestor is cancelled, the parent keeps the child alive.
#pragma once

#include <chrono>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "ccsp/chan.hpp"
#include "ccsp/detail/timer_service.hpp"
#include "ccsp/time.hpp"

namespace ccsp {

enum class ctx_error { canceled = 1, deadline_exceeded = 2 };  // values as abi::CtxErr

// Go's error strings.
inline const char* to_string(ctx_error e) noexcept {
  switch (e) {
    case ctx_error::canceled:
      return "context canceled";
    case ctx_error::deadline_exceeded:
      return "context deadline exceeded";
  }
  return "context error";
}

namespace detail {

struct CtxState : RefCounted {
  Lock lock;
  chan<std::monostate> done = chan<std::monostate>::nil();
  std::optional<ctx_error> err;
  std::optional<Clock::time_point> deadline;
  Ref<CtxState> parent;               // while registered in parent->children
  std::vector<Ref<CtxState>> children;
  TimerService::Handle timer;         // the deadline timer, if any
};

// Cancels s and its descendants. remove: also unregister s from its parent (a user's cancel
// or a deadline; a parent's propagation clears its own list instead).
inline void CtxCancel(CtxState* s, ctx_error e, bool remove) {
  std::vector<Ref<CtxState>> kids;
  Ref<CtxState> parent;
  TimerService::Handle timer;
  {
    IgnoreScope ignore;
    s->lock.lock();
    if (s->err) {
      s->lock.unlock();
      return;
    }
    Record(SyncKind::kCtxCancel, s, static_cast<uint64_t>(e));
    s->err = e;
    kids.swap(s->children);
    parent = std::move(s->parent);
    timer = std::exchange(s->timer, {});
    s->done.close();  // records the close: done() receivers acquire this cancel
    s->lock.unlock();
  }
  for (Ref<CtxState>& k : kids) CtxCancel(k.get(), e, false);
  if (parent && remove) {
    IgnoreScope ignore;
    parent->lock.lock();
    auto& list = parent->children;
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i].get() == s) {
        list[i] = std::move(list.back());
        list.pop_back();
        break;
      }
    }
    parent->lock.unlock();
  }
  if (timer.id) TimerService::Cancel(timer);
}

inline Ref<CtxState> CtxNewChild(CtxState* parent, std::optional<Clock::time_point> deadline) {
  Ref<CtxState> child;
  {
    IgnoreScope ignore;
    child = Ref<CtxState>(new CtxState);
  }
  child->done = chan<std::monostate>();
  child->deadline = deadline;
  if (parent->done.is_nil()) return child;  // the parent is never cancelled
  std::optional<ctx_error> parent_err;
  {
    IgnoreScope ignore;
    parent->lock.lock();
    parent_err = parent->err;
    if (parent_err) {
      Record(SyncKind::kCtxObserve, parent);
    } else {
      child->parent = Ref<CtxState>::Share(parent);
      parent->children.push_back(child);
    }
    parent->lock.unlock();
  }
  if (parent_err) CtxCancel(child.get(), *parent_err, false);
  return child;
}

}  // namespace detail

class context;
class cancel_func;
context background();
std::pair<context, cancel_func> with_cancel(const context& parent);
std::pair<context, cancel_func> with_deadline(const context& parent, time_point deadline);

class context {
 public:
  // A background context.
  context();

  // Closed when this context is cancelled; the nil channel if it never can be.
  chan<std::monostate> done() const { return s_->done; }

  // std::nullopt while not cancelled; a non-empty result acquires the cancel.
  std::optional<ctx_error> err() const {
    detail::IgnoreScope ignore;
    s_->lock.lock();
    std::optional<ctx_error> e = s_->err;
    if (e) detail::Record(detail::SyncKind::kCtxObserve, s_.get());
    s_->lock.unlock();
    return e;
  }

  // When the context will be cancelled by a deadline, if ever.
  std::optional<time_point> deadline() const { return s_->deadline; }

 private:
  friend context background();
  friend std::pair<context, cancel_func> with_cancel(const context&);
  friend std::pair<context, cancel_func> with_deadline(const context&, time_point);
  explicit context(detail::Ref<detail::CtxState> s) : s_(std::move(s)) {}
  detail::Ref<detail::CtxState> s_;
};

// Cancels its context (ctx_error::canceled) and all descendants; later calls do nothing.
class cancel_func {
 public:
  void operator()() const { detail::CtxCancel(s_.get(), ctx_error::canceled, true); }

 private:
  friend std::pair<context, cancel_func> with_cancel(const context&);
  friend std::pair<context, cancel_func> with_deadline(const context&, time_point);
  explicit cancel_func(detail::Ref<detail::CtxState> s) : s_(std::move(s)) {}
  detail::Ref<detail::CtxState> s_;
};

// The root context: never cancelled, no deadline, done() is the nil channel.
inline context background() {
  detail::CtxState* root;
  {
    detail::IgnoreScope ignore;
    static detail::CtxState* leaked = new detail::CtxState;  // leaked: tasks outlive main
    root = leaked;
  }
  return context(detail::Ref<detail::CtxState>::Share(root));
}

inline context::context() : context(background()) {}

inline std::pair<context, cancel_func> with_cancel(const context& parent) {
  detail::Ref<detail::CtxState> child =
      detail::CtxNewChild(parent.s_.get(), parent.s_->deadline);
  return {context(child), cancel_func(child)};
}

// Cancelled with ctx_error::deadline_exceeded at `deadline` (or earlier through its parent).
inline std::pair<context, cancel_func> with_deadline(const context& parent, time_point deadline) {
  if (parent.s_->deadline && *parent.s_->deadline <= deadline) return with_cancel(parent);
  detail::Ref<detail::CtxState> child = detail::CtxNewChild(parent.s_.get(), deadline);
  child->done.mark_timed_();
  if (deadline <= detail::Clock::now()) {
    detail::CtxCancel(child.get(), ctx_error::deadline_exceeded, true);
    return {context(child), cancel_func(child)};
  }
  detail::TimerService::Handle h = detail::TimerService::Add(deadline, [c = child] {
    detail::CtxCancel(c.get(), ctx_error::deadline_exceeded, true);
  });
  bool cancelled;
  {
    detail::IgnoreScope ignore;
    child->lock.lock();
    cancelled = child->err.has_value();
    if (!cancelled) child->timer = h;
    child->lock.unlock();
  }
  if (cancelled) detail::TimerService::Cancel(h);
  return {context(child), cancel_func(child)};
}

// Cancelled with ctx_error::deadline_exceeded after d.
template <class Rep, class Period>
std::pair<context, cancel_func> with_timeout(const context& parent,
                                             std::chrono::duration<Rep, Period> d) {
  return with_deadline(parent, detail::DeadlineAfter(detail::ToClock(d)));
}

}  // namespace ccsp
