// The one parser of CCSP_OPTIONS text ("key=value:key=value", TSan style) against the table in
// option_list.h, and the formatting of values, problems and the help list. No allocation, no
// exceptions, no libc calls: the runtime runs it before main, from .preinit_array.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ccsp_options/option_list.h"

namespace ccsp::options {

// An item that was not applied. The option keeps the value it had before the item (its
// default unless an earlier item set it): a bad item is ignored as a whole.
enum class ProblemKind : uint8_t {
  kNoEquals,       // "trace_path" without '='
  kUnknownOption,  // a key that is not in the table
  kBadValue,       // a known key with a value outside its type or range
};

struct Problem {
  ProblemKind kind;
  const char* key;  // for kNoEquals, the whole item
  size_t key_len;
  const char* value;
  size_t value_len;
  OptionId id;  // kBadValue only
};

struct ParseSummary {
  uint64_t set = 0;  // bit (int)id: a valid item set this option
  uint32_t problems = 0;
  constexpr bool IsSet(OptionId id) const { return (set >> static_cast<unsigned>(id)) & 1; }
};

// A bounded text buffer, always NUL-terminated; output past the capacity is cut.
class TextOut {
 public:
  TextOut(char* data, size_t cap) : data_(data), cap_(cap) {
    if (cap_) data_[0] = '\0';
  }
  TextOut& Put(const char* s, size_t n) {
    for (size_t i = 0; i < n && len_ + 1 < cap_; ++i) data_[len_++] = s[i];
    if (cap_) data_[len_] = '\0';
    return *this;
  }
  TextOut& Put(const char* s) { return Put(s, Length(s)); }
  TextOut& PutDec(uint64_t v) {
    char digits[20];
    size_t n = 0;
    do digits[n++] = static_cast<char>('0' + v % 10);
    while ((v /= 10) != 0);
    while (n) Put(&digits[--n], 1);
    return *this;
  }
  TextOut& PadTo(size_t column) {
    while (len_ < column && len_ + 1 < cap_) Put(" ", 1);
    return *this;
  }
  const char* c_str() const { return cap_ ? data_ : ""; }
  size_t size() const { return len_; }

  static constexpr size_t Length(const char* s) {
    size_t n = 0;
    while (s[n]) ++n;
    return n;
  }

 private:
  char* data_;
  size_t cap_;
  size_t len_ = 0;
};

namespace detail {

constexpr bool Equal(const char* a, size_t n, const char* b) {
  size_t i = 0;
  for (; i < n; ++i)
    if (b[i] == '\0' || b[i] != a[i]) return false;
  return b[i] == '\0';
}

constexpr bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline bool ParseBool(const char* v, size_t n, uint64_t, uint64_t, bool& out) {
  if (Equal(v, n, "1") || Equal(v, n, "true") || Equal(v, n, "yes")) return out = true, true;
  if (Equal(v, n, "0") || Equal(v, n, "false") || Equal(v, n, "no")) return out = false, true;
  return false;
}

inline bool ParseUint(const char* v, size_t n, uint64_t lo, uint64_t hi, uint32_t& out) {
  if (n == 0 || n > 19) return false;
  uint64_t x = 0;
  for (size_t i = 0; i < n; ++i) {
    if (v[i] < '0' || v[i] > '9') return false;
    x = x * 10 + static_cast<uint64_t>(v[i] - '0');
  }
  if (x < lo || x > hi) return false;
  out = static_cast<uint32_t>(x);
  return true;
}

template <size_t N>
bool ParsePath(const char* v, size_t n, uint64_t lo, uint64_t hi, char (&out)[N]) {
  static_assert(N >= 1);
  if (n < lo || n > hi || n >= N) return false;
  for (size_t i = 0; i < n; ++i) out[i] = v[i];
  out[n] = '\0';
  return true;
}

inline void FormatBool(bool v, TextOut& t) { t.Put(v ? "1" : "0"); }
inline void FormatUint(uint32_t v, TextOut& t) { t.PutDec(v); }
inline void FormatPath(const char* v, TextOut& t) { t.Put(v); }

}  // namespace detail

// Parses `text` into the option it names. False (and *o untouched) when the value is bad.
inline bool AssignOption(Options* o, OptionId id, const char* v, size_t n) {
  switch (id) {
#define CCSP_OPTION_ASSIGN(name, type, def, lo, hi, meaning) \
  case OptionId::name:                                        \
    return detail::Parse##type(v, n, lo, hi, o->name);
    CCSP_OPTION_LIST(CCSP_OPTION_ASSIGN)
#undef CCSP_OPTION_ASSIGN
  }
  return false;
}

// The option named by key[0, n), if any.
inline bool FindOption(const char* key, size_t n, OptionId* id) {
  for (size_t i = 0; i < kOptionCount; ++i)
    if (detail::Equal(key, n, kOptionInfo[i].name)) {
      *id = static_cast<OptionId>(i);
      return true;
    }
  return false;
}

// Applies every `key=value` item of text[0, len) to *o, left to right (a later item wins).
// Items are separated by ':'; blanks around an item are ignored. Each item that cannot be
// applied is passed to on_problem(const Problem&) and skipped.
template <class OnProblem>
ParseSummary ParseOptions(const char* text, size_t len, Options* o, OnProblem&& on_problem) {
  ParseSummary sum;
  size_t pos = 0;
  while (text && pos < len) {
    size_t begin = pos, end = pos;
    while (end < len && text[end] != ':') ++end;
    pos = end + 1;
    while (begin < end && detail::IsSpace(text[begin])) ++begin;
    while (end > begin && detail::IsSpace(text[end - 1])) --end;
    if (begin == end) continue;
    const char* item = text + begin;
    size_t n = end - begin, klen = 0;
    while (klen < n && item[klen] != '=') ++klen;
    Problem p{ProblemKind::kNoEquals, item, n, nullptr, 0, OptionId{}};
    if (klen < n) {
      p.key_len = klen;
      p.value = item + klen + 1;
      p.value_len = n - klen - 1;
      if (!FindOption(item, klen, &p.id)) {
        p.kind = ProblemKind::kUnknownOption;
      } else if (!AssignOption(o, p.id, p.value, p.value_len)) {
        p.kind = ProblemKind::kBadValue;
      } else {
        sum.set |= uint64_t{1} << static_cast<unsigned>(p.id);
        continue;
      }
    }
    ++sum.problems;
    on_problem(static_cast<const Problem&>(p));
  }
  return sum;
}

inline void FormatValue(const Options& o, OptionId id, TextOut& t) {
  switch (id) {
#define CCSP_OPTION_FORMAT(name, type, def, lo, hi, meaning) \
  case OptionId::name:                                        \
    detail::Format##type(o.name, t);                          \
    return;
    CCSP_OPTION_LIST(CCSP_OPTION_FORMAT)
#undef CCSP_OPTION_FORMAT
  }
}

// "0 or 1", "a number in 1..3600000", "a path of 1..1023 bytes".
inline void FormatExpected(OptionId id, TextOut& t) {
  const OptionInfo& i = Info(id);
  switch (i.type) {
    case OptionType::kBool:
      t.Put("0 or 1");
      return;
    case OptionType::kUint:
      t.Put("a number in ").PutDec(i.lo).Put("..").PutDec(i.hi);
      return;
    case OptionType::kPath:
      t.Put("a path of ").PutDec(i.lo).Put("..").PutDec(i.hi).Put(" bytes");
      return;
  }
}

// One line, no prefix and no newline, e.g. "CCSP_OPTIONS: unknown option 'x' ignored; valid
// options: ...". `current` is the options as they stand when the problem is reported (the
// value a bad item leaves in place).
inline void FormatProblem(const Problem& p, const Options& current, TextOut& t) {
  t.Put("CCSP_OPTIONS: ");
  switch (p.kind) {
    case ProblemKind::kNoEquals:
      t.Put("expected key=value, got '").Put(p.key, p.key_len).Put("'; ignored");
      return;
    case ProblemKind::kUnknownOption:
      t.Put("unknown option '").Put(p.key, p.key_len).Put("' ignored; valid options:");
      for (size_t i = 0; i < kOptionCount; ++i) t.Put(i ? ", " : " ").Put(kOptionInfo[i].name);
      t.Put(" (help=1 describes them)");
      return;
    case ProblemKind::kBadValue:
      t.Put("bad value '").Put(p.value, p.value_len).Put("' for ").Put(Info(p.id).name);
      t.Put(" (expected ");
      FormatExpected(p.id, t);
      t.Put("); keeping ").Put(Info(p.id).name).Put("=");
      FormatValue(current, p.id, t);
      return;
  }
}

// The help list: a title, then one line per option, "  name=default  meaning", with
// "[now: value]" when `current` differs from the default. line(const char* s, size_t n) gets
// each line with its newline.
template <class Line>
void ForEachHelpLine(const Options& current, Line&& line) {
  char data[2560];
  {
    TextOut t(data, sizeof data);
    t.Put("ccsp: CCSP_OPTIONS=key=value:key=value (a later item wins); option=default, meaning:\n");
    line(t.c_str(), t.size());
  }
  const Options defaults;
  for (size_t i = 0; i < kOptionCount; ++i) {
    OptionId id = static_cast<OptionId>(i);
    char now[1100], def[1100];
    TextOut n(now, sizeof now), d(def, sizeof def);
    FormatValue(current, id, n);
    FormatValue(defaults, id, d);
    TextOut t(data, sizeof data);
    t.Put("  ").Put(kOptionInfo[i].name).Put("=").Put(d.c_str(), d.size()).PadTo(30).Put(" ");
    t.Put(kOptionInfo[i].meaning);
    if (n.size() != d.size() || !detail::Equal(n.c_str(), n.size(), d.c_str()))
      t.Put(" [now: ").Put(n.c_str(), n.size()).Put("]");
    t.Put("\n");
    line(t.c_str(), t.size());
  }
}

}  // namespace ccsp::options
