// ccsp::go: start a task, like Go's `go f(args...)`. The callable and the arguments are
// decay-copied in the caller (as std::thread does), so the call to go happens-before the task's
// first step. A task is a detached thread: when main returns the process ends, whatever the
// tasks are doing. An exception escaping a task is a panic (message, stack, abort).
// Uninstrumented programs reuse the threads of finished tasks (detail/worker_cache.hpp), so
// thread_local variables may hold a previous task's values, as Go has no goroutine-local state;
// instrumented programs always start a fresh thread.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ccsp/detail/hooks.hpp"
#include "ccsp/detail/worker_cache.hpp"
#include "ccsp/panic.hpp"

namespace ccsp {

namespace detail {

template <class Fn, class... Args>
struct GoTask final : TaskBase {
  template <class F, class... A>
  explicit GoTask(F&& f, A&&... a) : fn(std::forward<F>(f)), args(std::forward<A>(a)...) {}
  void Run() override {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
      std::apply(std::move(fn), std::move(args));
    } catch (const std::exception& e) {
      Panic(MisuseKind::kPanic, std::string("uncaught exception: ") + e.what());
    } catch (...) {
      Panic(MisuseKind::kPanic, "uncaught exception of unknown type");
    }
#else
    std::apply(std::move(fn), std::move(args));
#endif
  }
  Fn fn;
  std::tuple<Args...> args;
};

}  // namespace detail

template <class F, class... Args>
void go(F&& f, Args&&... args) {
  static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                "ccsp::go: f(args...) must be callable with decayed copies of the arguments");
  using Task = detail::GoTask<std::decay_t<F>, std::decay_t<Args>...>;
  auto* task = new Task(std::forward<F>(f), std::forward<Args>(args)...);
  if (detail::Recording()) {
    // A fresh thread per task: the runtime records its creation (go -> first step).
    std::thread([task] {
      task->Run();
      delete task;
    }).detach();
  } else {
    detail::WorkerCache::Spawn(task);
  }
}

}  // namespace ccsp
