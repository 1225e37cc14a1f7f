// The one table of CCSP_OPTIONS: every runtime option with its type, default, range and
// meaning, and the Options struct generated from it. Dependency-free, no allocation, no static
// constructors: included by the runtime (no exceptions/RTTI) and by the CLI alike.
#pragma once

#include <stddef.h>
#include <stdint.h>

// X(name, type, default, lo, hi, meaning), one line per option:
//   Bool  0 or 1 (also true/false, yes/no); lo, hi are 0, 1.   Stored as bool.
//   Uint  a decimal number in lo..hi.                         Stored as uint32_t.
//   Path  text of lo..hi bytes (lo 1: must not be empty).     Stored as char[hi + 1].
// The meanings are what `CCSP_OPTIONS=help=1` prints; keep each to one line.
#define CCSP_OPTION_LIST(X)                                                                       \
  X(trace_path, Path, "ccsp-trace.%p.bin", 1, 1023,                                               \
    "trace file; %p is the pid (a fork child without %p in the path gets .<pid> appended)")       \
  X(watchdog, Bool, 1, 0, 1, "all-tasks-asleep detection: stop with status 2 when no task can run") \
  X(watchdog_interval_ms, Uint, 100, 1, 3600000,                                                  \
    "watchdog check period; the blocked set must stay unchanged over two checks")                 \
  X(filter, Bool, 1, 0, 1, "per-task repeated-access filter (0: record every access)")            \
  X(runs, Bool, 1, 0, 1, "contiguous accesses of one site as Run records (0: one per access)")    \
  X(cpu_profile_hz, Uint, 100, 0, 1000,                                                           \
    "CPU profile samples per second of each task's CPU time, into the trace (0: off)")           \
  X(exitcode, Uint, 66, 0, 255, "exit status of `ccsp-analyze run` when it reports anything")     \
  X(suppressions, Path, "", 0, 1023,                                                              \
    "suppressions file (TSan format) that `ccsp-analyze run` adds to its --suppressions")          \
  X(verbosity, Uint, 0, 0, 2, "1: print the trace path at start; 2: also every effective option") \
  X(help, Bool, 0, 0, 1, "print every option with its default and meaning (stderr), then run on")

namespace ccsp::options {

enum class OptionType : uint8_t { kBool, kUint, kPath };

namespace detail {
template <OptionType T, uint64_t Hi>
struct Field;
template <uint64_t Hi>
struct Field<OptionType::kBool, Hi> {
  static_assert(Hi == 1, "a Bool option's range is 0, 1");
  using Type = bool;
};
template <uint64_t Hi>
struct Field<OptionType::kUint, Hi> {
  static_assert(Hi <= UINT32_MAX, "a Uint option is stored in 32 bits");
  using Type = uint32_t;
};
template <uint64_t Hi>
struct Field<OptionType::kPath, Hi> {
  using Type = char[Hi + 1];
};

template <class Int>  // a template, so that a default of 0 is a number, not a null pointer
constexpr bool DefaultInRange(Int v, uint64_t lo, uint64_t hi) {
  return v >= 0 && lo <= static_cast<uint64_t>(v) && static_cast<uint64_t>(v) <= hi;
}
constexpr bool DefaultInRange(const char* s, uint64_t lo, uint64_t hi) {
  uint64_t n = 0;
  while (s[n]) ++n;
  return lo <= n && n <= hi;
}
}  // namespace detail

// OptionId::trace_path etc.: spelled as the option, so a table line needs no second name.
enum class OptionId : uint8_t {
#define CCSP_OPTION_ID(name, type, def, lo, hi, meaning) name,
  CCSP_OPTION_LIST(CCSP_OPTION_ID)
#undef CCSP_OPTION_ID
};

inline constexpr size_t kOptionCount = 0
#define CCSP_OPTION_COUNT(name, type, def, lo, hi, meaning) +1
    CCSP_OPTION_LIST(CCSP_OPTION_COUNT)
#undef CCSP_OPTION_COUNT
    ;
static_assert(kOptionCount <= 64, "ParseSummary::set is a 64-bit mask");

// Every option, constant-initialized to its default.
struct Options {
#define CCSP_OPTION_FIELD(name, type, def, lo, hi, meaning) \
  detail::Field<OptionType::k##type, hi>::Type name = def;
  CCSP_OPTION_LIST(CCSP_OPTION_FIELD)
#undef CCSP_OPTION_FIELD
};

struct OptionInfo {
  const char* name;
  OptionType type;
  uint64_t lo, hi;  // value range (Bool, Uint) or length range (Path)
  const char* meaning;
};

inline constexpr OptionInfo kOptionInfo[kOptionCount] = {
#define CCSP_OPTION_INFO(name, type, def, lo, hi, meaning) \
  {#name, OptionType::k##type, lo, hi, meaning},
    CCSP_OPTION_LIST(CCSP_OPTION_INFO)
#undef CCSP_OPTION_INFO
};

constexpr const OptionInfo& Info(OptionId id) { return kOptionInfo[static_cast<size_t>(id)]; }

#define CCSP_OPTION_CHECK(name, type, def, lo, hi, meaning)                       \
  static_assert(lo <= hi, #name ": empty range");                                  \
  static_assert(detail::DefaultInRange(def, lo, hi), #name ": default out of range");
CCSP_OPTION_LIST(CCSP_OPTION_CHECK)
#undef CCSP_OPTION_CHECK

}  // namespace ccsp::options
