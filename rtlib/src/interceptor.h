// Interceptor plumbing: interceptors are plain definitions of the libc/libstdc++ symbols in
// the executable (symbol interposition); the real function is found with dlsym(RTLD_NEXT)
// (dlvsym for versioned symbols) on first use and cached in a file-local pointer.
#pragma once

#include "common.h"

namespace ccsp::rt {

// dlsym/dlvsym(RTLD_NEXT, name[, version]); a missing symbol is a fatal start-up error.
void* ResolveReal(const char* name, const char* version);

// Real pthread_create for runtime-internal threads (the watchdog).
int RealPthreadCreate(void* thread, const void* attr, void* (*fn)(void*), void* arg);

}  // namespace ccsp::rt

#define CCSP_REAL_DEF(name) static decltype(&::name) real_##name = nullptr
#define REAL(name)                                                                         \
  (CCSP_LIKELY(real_##name != nullptr)                                                     \
       ? real_##name                                                                       \
       : (real_##name = reinterpret_cast<decltype(real_##name)>(::ccsp::rt::ResolveReal(#name, nullptr))))
#define REALV(name, version)                                                               \
  (CCSP_LIKELY(real_##name != nullptr)                                                     \
       ? real_##name                                                                       \
       : (real_##name = reinterpret_cast<decltype(real_##name)>(::ccsp::rt::ResolveReal(#name, version))))
#define INTERCEPTOR(ret, name, ...) CCSP_EXPORT ret name(__VA_ARGS__)
