// Raw output, checks and the clock: the leaf layer every other runtime file builds on.
// No allocation and no stdio here; all output goes through write(2).
#include "common.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

namespace ccsp::rt {

void WriteStderr(const char* s, size_t n) {
  while (n > 0) {
    ssize_t w = write(2, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    s += w;
    n -= static_cast<size_t>(w);
  }
}

void WriteStderr(const char* s) { WriteStderr(s, __builtin_strlen(s)); }

void CheckFailed(const char* file, int line, const char* cond) {
  char data[512];
  Buf b(data, sizeof data);
  b.Str("ccsp: internal error: ").Str(file).Ch(':').Dec(static_cast<uint64_t>(line)).Str(": check failed: ");
  b.Str(cond).Ch('\n');
  WriteStderr(b.data(), b.size());
  _exit(3);
}

uint64_t MonoNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

Buf& Buf::Str(const char* s, size_t n) {
  for (size_t i = 0; i < n && len_ < cap_; ++i) data_[len_++] = s[i];
  return *this;
}

Buf& Buf::Str(const char* s) { return s ? Str(s, __builtin_strlen(s)) : Str("(null)", 6); }

Buf& Buf::Dec(uint64_t v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n > 0) Ch(tmp[--n]);
  return *this;
}

Buf& Buf::SDec(int64_t v) {
  if (v < 0) {
    Ch('-');
    return Dec(static_cast<uint64_t>(-(v + 1)) + 1);
  }
  return Dec(static_cast<uint64_t>(v));
}

Buf& Buf::Hex(uint64_t v) {
  Str("0x");
  char tmp[16];
  int n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  while (n > 0) Ch(tmp[--n]);
  return *this;
}

const char* Buf::CStr() {
  if (cap_ == 0) return "";
  if (len_ >= cap_) len_ = cap_ - 1;
  data_[len_] = '\0';
  return data_;
}

}  // namespace ccsp::rt
