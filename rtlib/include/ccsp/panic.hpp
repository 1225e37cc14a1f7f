// Go-style panics. Misuse that Go turns into a panic (send on a closed channel, close of a
// closed or nil channel, a negative wait-group counter) stops the program; it is not an
// exception. With the ccsp runtime linked, __ccsp_panic records the panic in the trace, prints
// it with the task's stack (the "anatomy of a goroutine error") and aborts. Without it, the
// message, the thread and a native backtrace go to stderr, then abort().
#pragma once

#include <execinfo.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ccsp/detail/hooks.hpp"

namespace ccsp {

namespace detail {

[[noreturn]] inline void Panic(MisuseKind kind, std::string_view message) noexcept {
  std::string text(message);
  if (&__ccsp_panic != nullptr) __ccsp_panic(static_cast<uint32_t>(kind), text.c_str());
  // No runtime (or it returned): print as Go does, then abort.
  unsigned long id = &__ccsp_task_id != nullptr ? __ccsp_task_id()
                                                : static_cast<unsigned long>(syscall(SYS_gettid));
  std::fprintf(stderr, "panic: %s\n\ngoroutine %lu [running]:\n", text.c_str(), id);
  void* frames[64];
  int n = backtrace(frames, 64);
  std::fflush(stderr);
  backtrace_symbols_fd(frames, n, 2);
  std::fputs("\n", stderr);
  std::abort();
}

}  // namespace detail

// A user-level panic: recorded (MisuseKind::kPanic) and reported like the library's own.
[[noreturn]] inline void panic(std::string_view message) noexcept {
  detail::Panic(detail::MisuseKind::kPanic, message);
}

}  // namespace ccsp
