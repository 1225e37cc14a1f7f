// The throwing operator new variants (plain, array, aligned). Each notes its AllocKind and
// call site in the task state and calls libstdc++'s real operator, whose malloc then reaches
// the malloc interceptor and records with that kind; the real operator keeps its exact
// semantics (new_handler loop, std::bad_alloc). Built with -fexceptions so bad_alloc unwinds
// through; the non-throwing variants live in interceptors_delete.cc (no C++ runtime refs).
#include <stddef.h>

#include <new>

#include "interceptor.h"
#include "record.h"

namespace ccsp::rt {
namespace {

CCSP_ALWAYS_INLINE void Note(AllocKind kind) {
  TaskState& t = Cur();
  if (!t.pending_alloc_kind) {
    t.pending_alloc_kind = static_cast<uint8_t>(static_cast<uint32_t>(kind) + 1);
    t.pending_site = TakeCallsite();
  }
}

template <typename Fn>
Fn Real(Fn& slot, const char* name) {
  if (CCSP_UNLIKELY(!slot)) slot = reinterpret_cast<Fn>(ResolveReal(name, nullptr));
  return slot;
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

namespace {
using NewFn = void* (*)(size_t);
using NewAlFn = void* (*)(size_t, std::align_val_t);
NewFn r_new, r_new_arr;
NewAlFn r_new_al, r_new_arr_al;

template <typename Fn, typename... Args>
CCSP_ALWAYS_INLINE void* New(AllocKind kind, Fn& slot, const char* name, Args... args) {
  Note(kind);
  void* p = Real(slot, name)(args...);
  Cur().pending_alloc_kind = 0;
  return p;
}
}  // namespace

__attribute__((visibility("default"))) void* operator new(size_t n) { return New(AllocKind::kNew, r_new, "_Znwm", n); }
__attribute__((visibility("default"))) void* operator new[](size_t n) {
  return New(AllocKind::kNewArray, r_new_arr, "_Znam", n);
}
__attribute__((visibility("default"))) void* operator new(size_t n, std::align_val_t al) {
  return New(AllocKind::kNew, r_new_al, "_ZnwmSt11align_val_t", n, al);
}
__attribute__((visibility("default"))) void* operator new[](size_t n, std::align_val_t al) {
  return New(AllocKind::kNewArray, r_new_arr_al, "_ZnamSt11align_val_t", n, al);
}
