// Runtime-wide helpers: branch hints, always-on checks, raw stderr output, the monotonic clock.
// Everything here is safe to call from any interceptor: no allocation, no stdio, no locks.
#pragma once

#include <stddef.h>
#include <stdint.h>

#define CCSP_LIKELY(x) __builtin_expect(!!(x), 1)
#define CCSP_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define CCSP_ALWAYS_INLINE inline __attribute__((always_inline))
#define CCSP_NOINLINE __attribute__((noinline))
#define CCSP_COLD __attribute__((noinline, cold))
// Entry points and interceptors: visible to the dynamic linker (listed in ccsp_rt.dynamic-list).
#define CCSP_EXPORT extern "C" __attribute__((visibility("default")))

#define CCSP_CHECK(cond)                                                     \
  do {                                                                       \
    if (CCSP_UNLIKELY(!(cond))) ::ccsp::rt::CheckFailed(__FILE__, __LINE__, #cond); \
  } while (0)
#ifdef NDEBUG
#define CCSP_DCHECK(cond) \
  do {                    \
  } while (0)
#else
#define CCSP_DCHECK(cond) CCSP_CHECK(cond)
#endif

namespace ccsp::rt {

[[noreturn]] CCSP_COLD void CheckFailed(const char* file, int line, const char* cond);

// write(2) loop on fd 2; never allocates.
void WriteStderr(const char* s, size_t n);
void WriteStderr(const char* s);

// CLOCK_MONOTONIC in ns (absolute; the trace stores deltas from FileHeader::start_mono_ns).
uint64_t MonoNs();

// Minimal formatter into a caller buffer (no stdio: a blocked task may hold stdio locks).
class Buf {
 public:
  Buf(char* data, size_t cap) : data_(data), cap_(cap) {}
  Buf& Str(const char* s);
  Buf& Str(const char* s, size_t n);
  Buf& Dec(uint64_t v);
  Buf& SDec(int64_t v);
  Buf& Hex(uint64_t v);
  Buf& Ch(char c) { return Str(&c, 1); }
  const char* data() const { return data_; }
  size_t size() const { return len_; }
  void Clear() { len_ = 0; }
  const char* CStr();  // NUL-terminates (cutting the last byte if full)

 private:
  char* data_;
  size_t cap_;
  size_t len_ = 0;
};

}  // namespace ccsp::rt
