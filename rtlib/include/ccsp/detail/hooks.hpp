// Recording hooks of the Go-style API: weak references to the runtime's [api] entry points
// (abi.h), so the same header works in plain programs (the hooks are null: no-ops) and in
// instrumented ones (the runtime is linked: every call records). Nothing here allocates.
#pragma once

#include <cstdint>

#include "ccsp/abi.h"
#include "ccsp/detail/abi_events.hpp"

// Only the entry points the API calls are made weak. The [pass] entry points keep abi.h's
// strong declarations, so an instrumented module linked without the runtime still fails to
// link instead of calling through a null pointer. `#pragma weak` also works when abi.h was
// included earlier without CCSP_ABI_ATTR.
#pragma weak __ccsp_sync
#pragma weak __ccsp_ignore_begin
#pragma weak __ccsp_ignore_end
#pragma weak __ccsp_panic
#pragma weak __ccsp_task_id

namespace ccsp::detail {

using abi::BlockOp;
using abi::BlockOutcome;
using abi::MisuseKind;
using abi::SyncKind;

// True when the ccsp runtime is linked into the program (an instrumented build).
inline bool Recording() noexcept { return &__ccsp_sync != nullptr; }

inline void Record(SyncKind kind, const void* obj, uint64_t arg1 = 0, uint64_t arg2 = 0) noexcept {
  if (&__ccsp_sync != nullptr) __ccsp_sync(static_cast<uint32_t>(kind), obj, arg1, arg2);
}

inline void RecordBlockBegin(const void* obj, BlockOp op, bool timed) noexcept {
  Record(SyncKind::kBlockBegin, obj, static_cast<uint64_t>(op), timed ? 1 : 0);
}

inline void RecordBlockEnd(const void* obj, BlockOp op, BlockOutcome outcome) noexcept {
  Record(SyncKind::kBlockEnd, obj, static_cast<uint64_t>(op), static_cast<uint64_t>(outcome));
}

// Ignore region: while open, the runtime records neither this task's memory accesses (atomics
// included) nor its intercepted calls (pthread mutexes, malloc, guards). The API opens one
// around its internal locking and buffer handling so that its internals add no happens-before
// edges; it records Go's edges itself with Record(). Explicit Record() calls are assumed to be
// recorded inside an ignore region too.
class IgnoreScope {
 public:
  IgnoreScope() noexcept : on_(&__ccsp_ignore_begin != nullptr) {
    if (on_) __ccsp_ignore_begin();
  }
  ~IgnoreScope() { Close(); }
  IgnoreScope(const IgnoreScope&) = delete;
  IgnoreScope& operator=(const IgnoreScope&) = delete;

  // Ends the region early (e.g. before running user callbacks); idempotent.
  void Close() noexcept {
    if (on_) __ccsp_ignore_end();
    on_ = false;
  }

 private:
  bool on_;
};

// The opposite: re-enables recording inside an ignore region (for user callbacks).
class UnignoreScope {
 public:
  UnignoreScope() noexcept : on_(&__ccsp_ignore_end != nullptr) {
    if (on_) __ccsp_ignore_end();
  }
  ~UnignoreScope() {
    if (on_) __ccsp_ignore_begin();
  }
  UnignoreScope(const UnignoreScope&) = delete;
  UnignoreScope& operator=(const UnignoreScope&) = delete;

 private:
  bool on_;
};

}  // namespace ccsp::detail
