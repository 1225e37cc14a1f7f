// PprofProfile: builds one profile.proto (Google's pprof format) from frames, sample
// types and values, and writes it gzipped as `go tool pprof` reads it. Depends on nothing
// of the analyzer (its own Frame); interns strings, functions and locations; never throws.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/profiles/write_status.h"

namespace ccsp::profiles {

// One source position of a stack. Views are copied (interned) by the call that takes them.
struct Frame {
  std::string_view function;     // display name, e.g. "worker(int)"
  std::string_view system_name;  // linker name, e.g. "_Z6workeri"; empty: unknown
  std::string_view file;         // as the compiler saw it
  int64_t line = 0;              // 0: unknown
  int64_t start_line = 0;        // first line of the function; 0: unknown
};

// A (type, unit) pair naming one value of every sample: {"delay", "nanoseconds"}.
struct ValueType {
  std::string_view type;
  std::string_view unit;
};

// A sample label: a string value, or a number with an optional unit ("bytes").
// pprof drops a numeric label whose value is 0 and that has no unit, and a string
// label whose value is empty.
struct Label {
  static Label Str(std::string_view key, std::string_view value) {
    return Label{key, value, 0, {}, false};
  }
  static Label Num(std::string_view key, int64_t value, std::string_view unit = {}) {
    return Label{key, {}, value, unit, true};
  }

  std::string_view key;
  std::string_view str;
  int64_t num = 0;
  std::string_view num_unit;
  bool is_num = false;
};

// profile.proto Location.id; 1-based, 0 is never a valid location.
enum class LocationId : uint64_t {};

class PprofProfile {
 public:
  PprofProfile();

  // --- what the values mean (set before samples are added) ---
  // Appends one value column; every sample then carries one value per column, in order.
  void AddSampleType(std::string_view type, std::string_view unit);
  // The column `go tool pprof` shows by default (heap: "inuse_space"); empty: the last.
  void SetDefaultSampleType(std::string_view type);
  // What one sampling event is worth, e.g. ("cpu", "nanoseconds", 10'000'000) at 100 Hz.
  void SetPeriod(std::string_view type, std::string_view unit, int64_t period);
  // Wall-clock start of the profiled interval (ns since the Unix epoch) and its length.
  void SetTime(int64_t time_nanos, int64_t duration_nanos);
  void AddComment(std::string_view comment);
  // The profiled program, shown by pprof as "File: ..." (and its build id, if known).
  void SetMainBinary(std::string_view filename, std::string_view build_id = {});
  // Regexps pprof applies to function names: frames from a match down are dropped /
  // kept. Empty clears.
  void SetDropFrames(std::string_view regex);
  void SetKeepFrames(std::string_view regex);

  // --- stacks ---
  // The location of one program position. `inline_chain` is innermost first: the
  // function the code lives in, then each caller it was inlined into, the outermost
  // (the real frame) last. Equal chains (and addresses) give the same id.
  LocationId InternLocation(std::span<const Frame> inline_chain, uint64_t address = 0);
  LocationId InternLocation(const Frame& frame) { return InternLocation({&frame, 1}); }

  // --- samples ---
  // Adds `values` (one per sample type) at `stack` (leaf first). A sample with the same
  // stack and the same labels in the same order as an earlier one is merged into it,
  // values summed, so a profile's size follows its distinct stacks, not its events.
  // Returns false (and the profile then refuses to encode, naming the problem) when the
  // value count does not match the sample types or a location id is unknown.
  bool AddSample(std::span<const LocationId> stack, std::span<const int64_t> values,
                 std::span<const Label> labels = {});
  // The same, with each frame its own location (no inlining information).
  bool AddStackSample(std::span<const Frame> stack, std::span<const int64_t> values,
                      std::span<const Label> labels = {});

  size_t sample_count() const { return samples_.size(); }
  size_t location_count() const { return locations_.size(); }
  size_t function_count() const { return functions_.size(); }
  size_t sample_type_count() const { return sample_types_.size(); }

  // --- output ---
  // Checks the profile (values per sample, default sample type among the types).
  WriteStatus Validate() const;
  // The raw (uncompressed) profile.proto message; empty when Validate fails.
  std::string EncodeProto() const;
  // Gzip stream of EncodeProto(), what pprof expects on disk, into `out` (replaced).
  WriteStatus WriteGzip(std::string* out) const;
  // The same, to a file (created or truncated). The message names the path and errno.
  WriteStatus WriteFile(const std::string& path) const;

 private:
  struct ValueTypeIds {
    int64_t type = 0;
    int64_t unit = 0;
  };
  struct FunctionRow {
    int64_t name = 0, system_name = 0, file = 0, start_line = 0;
  };
  struct LineRow {
    uint64_t function_id = 0;
    int64_t line = 0;
  };
  struct LocationRow {
    uint64_t address = 0;
    std::vector<LineRow> lines;  // innermost first
  };
  struct LabelRow {
    int64_t key = 0, str = 0, num = 0, num_unit = 0;
  };
  struct SampleRow {
    std::vector<uint64_t> location_ids;
    std::vector<int64_t> values;
    std::vector<LabelRow> labels;
  };

  int64_t Intern(std::string_view s);
  uint64_t InternFunction(const Frame& frame);

  // String table: index 0 is "" (profile.proto requires it). A deque keeps every
  // string's address stable, so the index map can key on views into it.
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, int64_t> string_ids_;

  std::vector<FunctionRow> functions_;  // id = index + 1
  std::unordered_map<std::string, uint64_t> function_ids_;
  std::vector<LocationRow> locations_;  // id = index + 1
  std::unordered_map<std::string, uint64_t> location_ids_;
  std::vector<SampleRow> samples_;
  std::unordered_map<std::string, size_t> sample_index_;

  std::vector<ValueTypeIds> sample_types_;
  int64_t default_sample_type_ = 0;  // string id of a sample type's type; 0: unset
  ValueTypeIds period_type_;
  int64_t period_ = 0;
  int64_t time_nanos_ = 0;
  int64_t duration_nanos_ = 0;
  std::vector<int64_t> comments_;
  int64_t main_binary_ = 0;
  int64_t build_id_ = 0;
  int64_t drop_frames_ = 0;
  int64_t keep_frames_ = 0;
  std::string first_error_;  // the first bad AddSample, reported by Validate
};

}  // namespace ccsp::profiles
