// CCSP_OPTIONS parsing. Keys and defaults are listed in options.h; the set of keys is closed
// so that a typo is an error instead of a silently ignored setting.
#include "options.h"

#include <string.h>

#include "common.h"
#include "meta_stream.h"

namespace ccsp::rt {

constinit Options g_options;

namespace {

constexpr const char* kKnown =
    "trace_path, watchdog, watchdog_interval_ms, filter, runs, exitcode, suppressions, verbosity";

bool ParseUint(const char* v, size_t n, uint64_t max, uint64_t* out) {
  if (n == 0 || n > 19) return false;
  uint64_t x = 0;
  for (size_t i = 0; i < n; ++i) {
    if (v[i] < '0' || v[i] > '9') return false;
    x = x * 10 + static_cast<uint64_t>(v[i] - '0');
  }
  if (x > max) return false;
  *out = x;
  return true;
}

bool CopyValue(char* dst, size_t cap, const char* v, size_t n) {
  if (n >= cap) return false;
  memcpy(dst, v, n);
  dst[n] = '\0';
  return true;
}

void Error(char* err, uint32_t cap, const char* a, const char* key, size_t klen, const char* b) {
  Buf e(err, cap);
  e.Str("ccsp: error: CCSP_OPTIONS: ").Str(a).Str(key, klen).Str(b);
  e.CStr();
}

}  // namespace

bool ParseOptions(const char* text, Options* o, char* err, uint32_t err_cap) {
  if (!text) return true;
  const char* p = text;
  while (*p) {
    const char* item = p;
    while (*p && *p != ':') ++p;
    size_t len = static_cast<size_t>(p - item);
    if (*p == ':') ++p;
    while (len > 0 && (*item == ' ' || *item == '\t')) ++item, --len;
    while (len > 0 && (item[len - 1] == ' ' || item[len - 1] == '\t' || item[len - 1] == '\n')) --len;
    if (len == 0) continue;
    const char* eq = static_cast<const char*>(memchr(item, '=', len));
    if (!eq) {
      Error(err, err_cap, "expected key=value, got '", item, len, "'");
      return false;
    }
    size_t klen = static_cast<size_t>(eq - item);
    const char* v = eq + 1;
    size_t vlen = len - klen - 1;
    auto key_is = [&](const char* k) { return strlen(k) == klen && memcmp(k, item, klen) == 0; };
    uint64_t x = 0;
    bool ok = true;
    const char* expect = "";
    if (key_is("trace_path")) {
      ok = vlen > 0 && CopyValue(o->trace_path, sizeof o->trace_path, v, vlen);
      expect = " (expected a file path)";
    } else if (key_is("watchdog")) {
      ok = ParseUint(v, vlen, 1, &x);
      o->watchdog = x != 0;
      expect = " (expected 0 or 1)";
    } else if (key_is("watchdog_interval_ms")) {
      ok = ParseUint(v, vlen, 3600000, &x) && x > 0;
      o->watchdog_interval_ms = static_cast<uint32_t>(x);
      expect = " (expected milliseconds, 1..3600000)";
    } else if (key_is("filter")) {
      ok = ParseUint(v, vlen, 1, &x);
      o->filter = x != 0;
      expect = " (expected 0 or 1)";
    } else if (key_is("runs")) {
      ok = ParseUint(v, vlen, 1, &x);
      o->runs = x != 0;
      expect = " (expected 0 or 1)";
    } else if (key_is("exitcode")) {
      ok = ParseUint(v, vlen, 255, &x);
      o->exitcode = static_cast<int>(x);
      expect = " (expected 0..255)";
    } else if (key_is("suppressions")) {
      ok = CopyValue(o->suppressions, sizeof o->suppressions, v, vlen);
      expect = " (expected a file path)";
    } else if (key_is("verbosity")) {
      ok = ParseUint(v, vlen, 2, &x);
      o->verbosity = static_cast<int>(x);
      expect = " (expected 0, 1 or 2)";
    } else {
      Buf e(err, err_cap);
      e.Str("ccsp: error: CCSP_OPTIONS: unknown option '").Str(item, klen).Str("' (known: ").Str(kKnown).Str(")");
      e.CStr();
      return false;
    }
    if (!ok) {
      Buf e(err, err_cap);
      e.Str("ccsp: error: CCSP_OPTIONS: bad value '").Str(v, vlen).Str("' for option '").Str(item, klen);
      e.Str("'").Str(expect);
      e.CStr();
      return false;
    }
  }
  return true;
}

void WriteOptionsMeta(const Options& o) {
  char num[32];
  auto dec = [&](uint64_t v) {
    Buf b(num, sizeof num);
    b.Dec(v);
    return b.CStr();
  };
  meta::Option("trace_path", o.trace_path);
  meta::Option("watchdog", o.watchdog ? "1" : "0");
  meta::Option("watchdog_interval_ms", dec(o.watchdog_interval_ms));
  meta::Option("filter", o.filter ? "1" : "0");
  meta::Option("runs", o.runs ? "1" : "0");
  meta::Option("exitcode", dec(static_cast<uint64_t>(o.exitcode)));
  meta::Option("suppressions", o.suppressions);
  meta::Option("verbosity", dec(static_cast<uint64_t>(o.verbosity)));
}

void TracePathFor(const Options& o, uint64_t pid, bool fork_child, char* out, uint32_t cap) {
  Buf b(out, cap);
  bool had_pid = false;
  for (const char* p = o.trace_path; *p; ++p) {
    if (p[0] == '%' && p[1] == 'p') {
      b.Dec(pid);
      had_pid = true;
      ++p;
    } else {
      b.Ch(*p);
    }
  }
  if (fork_child && !had_pid) b.Ch('.').Dec(pid);
  b.CStr();
}

}  // namespace ccsp::rt
