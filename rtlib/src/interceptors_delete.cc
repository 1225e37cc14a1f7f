// operator delete (every variant) and the nothrow operator new variants: none of them
// throws. Like interceptors_new.cc, each notes its AllocKind and call site and calls
// libstdc++'s real operator, whose malloc/free reach the malloc interceptors.
#include <stddef.h>

#include <new>

#include "interceptor.h"
#include "record.h"

namespace ccsp::rt {
namespace {

CCSP_ALWAYS_INLINE void Note(AllocKind kind) noexcept {
  TaskState& t = Cur();
  if (!t.pending_alloc_kind) {
    t.pending_alloc_kind = static_cast<uint8_t>(static_cast<uint32_t>(kind) + 1);
    t.pending_site = TakeCallsite();
  }
}

template <typename Fn>
Fn Real(Fn& slot, const char* name) noexcept {
  if (CCSP_UNLIKELY(!slot)) slot = reinterpret_cast<Fn>(ResolveReal(name, nullptr));
  return slot;
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

// Each variant forwards to its mangled original in libstdc++.
namespace {
using NewNtFn = void* (*)(size_t, const std::nothrow_t&) noexcept;
using NewAlNtFn = void* (*)(size_t, std::align_val_t, const std::nothrow_t&) noexcept;
using DelFn = void (*)(void*) noexcept;
using DelSzFn = void (*)(void*, size_t) noexcept;
using DelNtFn = void (*)(void*, const std::nothrow_t&) noexcept;
using DelAlFn = void (*)(void*, std::align_val_t) noexcept;
using DelSzAlFn = void (*)(void*, size_t, std::align_val_t) noexcept;
using DelAlNtFn = void (*)(void*, std::align_val_t, const std::nothrow_t&) noexcept;

NewNtFn r_new_nt, r_new_arr_nt;
NewAlNtFn r_new_al_nt, r_new_arr_al_nt;
DelFn r_del, r_del_arr;
DelSzFn r_del_sz, r_del_arr_sz;
DelNtFn r_del_nt, r_del_arr_nt;
DelAlFn r_del_al, r_del_arr_al;
DelSzAlFn r_del_sz_al, r_del_arr_sz_al;
DelAlNtFn r_del_al_nt, r_del_arr_al_nt;

// noexcept exactly when the real operator is: no terminate pads, no C++ runtime references.
template <typename Fn, typename... Args>
CCSP_ALWAYS_INLINE void* New(AllocKind kind, Fn& slot, const char* name, Args... args) noexcept(
    noexcept(slot(args...))) {
  Note(kind);
  void* p = Real(slot, name)(args...);
  Cur().pending_alloc_kind = 0;
  return p;
}

template <typename Fn, typename... Args>
CCSP_ALWAYS_INLINE void Delete(AllocKind kind, Fn& slot, const char* name, Args... args) noexcept {
  Note(kind);
  Real(slot, name)(args...);
  Cur().pending_alloc_kind = 0;
}

constexpr AllocKind kNew = AllocKind::kNew;
constexpr AllocKind kArr = AllocKind::kNewArray;
}  // namespace

__attribute__((visibility("default"))) void* operator new(size_t n, const std::nothrow_t& nt) noexcept {
  return New(kNew, r_new_nt, "_ZnwmRKSt9nothrow_t", n, nt);
}
__attribute__((visibility("default"))) void* operator new[](size_t n, const std::nothrow_t& nt) noexcept {
  return New(kArr, r_new_arr_nt, "_ZnamRKSt9nothrow_t", n, nt);
}
__attribute__((visibility("default"))) void* operator new(size_t n, std::align_val_t al,
                                                          const std::nothrow_t& nt) noexcept {
  return New(kNew, r_new_al_nt, "_ZnwmSt11align_val_tRKSt9nothrow_t", n, al, nt);
}
__attribute__((visibility("default"))) void* operator new[](size_t n, std::align_val_t al,
                                                            const std::nothrow_t& nt) noexcept {
  return New(kArr, r_new_arr_al_nt, "_ZnamSt11align_val_tRKSt9nothrow_t", n, al, nt);
}

__attribute__((visibility("default"))) void operator delete(void* p) noexcept { Delete(kNew, r_del, "_ZdlPv", p); }
__attribute__((visibility("default"))) void operator delete[](void* p) noexcept {
  Delete(kArr, r_del_arr, "_ZdaPv", p);
}
__attribute__((visibility("default"))) void operator delete(void* p, size_t n) noexcept {
  Delete(kNew, r_del_sz, "_ZdlPvm", p, n);
}
__attribute__((visibility("default"))) void operator delete[](void* p, size_t n) noexcept {
  Delete(kArr, r_del_arr_sz, "_ZdaPvm", p, n);
}
__attribute__((visibility("default"))) void operator delete(void* p, const std::nothrow_t& nt) noexcept {
  Delete(kNew, r_del_nt, "_ZdlPvRKSt9nothrow_t", p, nt);
}
__attribute__((visibility("default"))) void operator delete[](void* p, const std::nothrow_t& nt) noexcept {
  Delete(kArr, r_del_arr_nt, "_ZdaPvRKSt9nothrow_t", p, nt);
}
__attribute__((visibility("default"))) void operator delete(void* p, std::align_val_t al) noexcept {
  Delete(kNew, r_del_al, "_ZdlPvSt11align_val_t", p, al);
}
__attribute__((visibility("default"))) void operator delete[](void* p, std::align_val_t al) noexcept {
  Delete(kArr, r_del_arr_al, "_ZdaPvSt11align_val_t", p, al);
}
__attribute__((visibility("default"))) void operator delete(void* p, size_t n, std::align_val_t al) noexcept {
  Delete(kNew, r_del_sz_al, "_ZdlPvmSt11align_val_t", p, n, al);
}
__attribute__((visibility("default"))) void operator delete[](void* p, size_t n, std::align_val_t al) noexcept {
  Delete(kArr, r_del_arr_sz_al, "_ZdaPvmSt11align_val_t", p, n, al);
}
__attribute__((visibility("default"))) void operator delete(void* p, std::align_val_t al,
                                                            const std::nothrow_t& nt) noexcept {
  Delete(kNew, r_del_al_nt, "_ZdlPvSt11align_val_tRKSt9nothrow_t", p, al, nt);
}
__attribute__((visibility("default"))) void operator delete[](void* p, std::align_val_t al,
                                                              const std::nothrow_t& nt) noexcept {
  Delete(kArr, r_del_arr_al_nt, "_ZdaPvSt11align_val_tRKSt9nothrow_t", p, al, nt);
}
