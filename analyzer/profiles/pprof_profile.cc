// PprofProfile: interning of strings/functions/locations, sample merging, and the
// profile.proto encoding (field numbers below, from google/pprof proto/profile.proto),
// gzipped with zlib. No exceptions escape; bad use shows up as a WriteStatus.
#include "analyzer/profiles/pprof_profile.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "analyzer/profiles/protobuf_writer.h"

namespace ccsp::profiles {
namespace {

// profile.proto field numbers. Every int64 naming a string is an index into the
// string table; every id is 1-based and 0 means "none".
namespace field {
// message Profile
constexpr uint32_t kSampleType = 1;  // repeated ValueType
constexpr uint32_t kSample = 2;      // repeated Sample
constexpr uint32_t kMapping = 3;     // repeated Mapping: one, see EncodeProto
constexpr uint32_t kLocation = 4;           // repeated Location
constexpr uint32_t kFunction = 5;           // repeated Function
constexpr uint32_t kStringTable = 6;        // repeated string, [0] = ""
constexpr uint32_t kDropFrames = 7;         // int64 (string index)
constexpr uint32_t kKeepFrames = 8;         // int64 (string index)
constexpr uint32_t kTimeNanos = 9;          // int64
constexpr uint32_t kDurationNanos = 10;     // int64
constexpr uint32_t kPeriodType = 11;        // ValueType
constexpr uint32_t kPeriod = 12;            // int64
constexpr uint32_t kComment = 13;           // repeated int64 (string index)
constexpr uint32_t kDefaultSampleType = 14; // int64 (string index)
// message ValueType
constexpr uint32_t kValueTypeType = 1;  // int64
constexpr uint32_t kValueTypeUnit = 2;  // int64
// message Sample
constexpr uint32_t kSampleLocationId = 1;  // repeated uint64, leaf first
constexpr uint32_t kSampleValue = 2;       // repeated int64, one per sample_type
constexpr uint32_t kSampleLabel = 3;       // repeated Label
// message Label
constexpr uint32_t kLabelKey = 1;      // int64
constexpr uint32_t kLabelStr = 2;      // int64
constexpr uint32_t kLabelNum = 3;      // int64
constexpr uint32_t kLabelNumUnit = 4;  // int64
// message Mapping (2-4: memory_start/limit, file_offset; unused)
constexpr uint32_t kMappingId = 1;               // uint64
constexpr uint32_t kMappingFilename = 5;         // int64
constexpr uint32_t kMappingBuildId = 6;          // int64
constexpr uint32_t kMappingHasFunctions = 7;     // bool
constexpr uint32_t kMappingHasFilenames = 8;     // bool
constexpr uint32_t kMappingHasLineNumbers = 9;   // bool
constexpr uint32_t kMappingHasInlineFrames = 10; // bool
// message Location
constexpr uint32_t kLocationId = 1;         // uint64
constexpr uint32_t kLocationMappingId = 2;  // uint64
constexpr uint32_t kLocationAddress = 3;    // uint64
constexpr uint32_t kLocationLine = 4;     // repeated Line, innermost first
// message Line
constexpr uint32_t kLineFunctionId = 1;  // uint64
constexpr uint32_t kLineLine = 2;        // int64
// message Function
constexpr uint32_t kFunctionId = 1;          // uint64
constexpr uint32_t kFunctionName = 2;        // int64
constexpr uint32_t kFunctionSystemName = 3;  // int64
constexpr uint32_t kFunctionFilename = 4;    // int64
constexpr uint32_t kFunctionStartLine = 5;   // int64
}  // namespace field

// Interning keys are the row's integers laid end to end as raw bytes.
void AppendKey(std::string* key, uint64_t value) {
  key->append(reinterpret_cast<const char*>(&value), sizeof value);
}

void WriteValueType(ProtoWriter& w, uint32_t field_number, int64_t type, int64_t unit) {
  auto mark = w.BeginMessage(field_number);
  w.Int64Opt(field::kValueTypeType, type);
  w.Int64Opt(field::kValueTypeUnit, unit);
  w.EndMessage(mark);
}

WriteStatus Gzip(std::string_view in, std::string* out) {
  z_stream zs{};
  // windowBits 15 + 16: a gzip wrapper rather than zlib's. Best speed, as Go's
  // runtime/pprof writes its profiles: they are written once and read rarely.
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return WriteStatus::Fail("gzip: cannot initialize zlib");
  }
  out->clear();
  constexpr size_t kChunk = 1 << 16;
  constexpr size_t kMaxInput = 1u << 30;  // avail_in is 32 bits: feed in slices
  size_t consumed = 0;
  int rc = Z_OK;
  do {
    if (zs.avail_in == 0 && consumed < in.size()) {
      const size_t n = std::min(kMaxInput, in.size() - consumed);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + consumed));
      zs.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    const int flush = consumed == in.size() ? Z_FINISH : Z_NO_FLUSH;
    const size_t old_size = out->size();
    out->resize(old_size + kChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out->data() + old_size);
    zs.avail_out = kChunk;
    rc = deflate(&zs, flush);
    out->resize(old_size + (kChunk - zs.avail_out));
    if (rc == Z_STREAM_ERROR) break;
  } while (rc != Z_STREAM_END);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return WriteStatus::Fail("gzip: compression failed");
  return WriteStatus::Ok();
}

}  // namespace

PprofProfile::PprofProfile() { Intern(""); }

int64_t PprofProfile::Intern(std::string_view s) {
  if (auto it = string_ids_.find(s); it != string_ids_.end()) return it->second;
  const auto id = static_cast<int64_t>(strings_.size());
  strings_.emplace_back(s);
  string_ids_.emplace(strings_.back(), id);
  return id;
}

void PprofProfile::AddSampleType(std::string_view type, std::string_view unit) {
  sample_types_.push_back({Intern(type), Intern(unit)});
}

void PprofProfile::SetDefaultSampleType(std::string_view type) {
  default_sample_type_ = type.empty() ? 0 : Intern(type);
}

void PprofProfile::SetPeriod(std::string_view type, std::string_view unit, int64_t period) {
  period_type_ = {Intern(type), Intern(unit)};
  period_ = period;
}

void PprofProfile::SetTime(int64_t time_nanos, int64_t duration_nanos) {
  time_nanos_ = time_nanos;
  duration_nanos_ = duration_nanos;
}

void PprofProfile::AddComment(std::string_view comment) { comments_.push_back(Intern(comment)); }

void PprofProfile::SetMainBinary(std::string_view filename, std::string_view build_id) {
  main_binary_ = filename.empty() ? 0 : Intern(filename);
  build_id_ = build_id.empty() ? 0 : Intern(build_id);
}

void PprofProfile::SetDropFrames(std::string_view regex) { drop_frames_ = Intern(regex); }

void PprofProfile::SetKeepFrames(std::string_view regex) { keep_frames_ = Intern(regex); }

uint64_t PprofProfile::InternFunction(const Frame& frame) {
  // An unknown system name stays empty rather than copying the display name: pprof
  // takes name == system_name as "not demangled yet" and shortens anything that looks
  // like C++ ("ns::f<int>(int)" -> "ns::f"), and we want the name shown as given.
  const FunctionRow row{Intern(frame.function), Intern(frame.system_name), Intern(frame.file),
                        frame.start_line};
  std::string key;
  for (int64_t v : {row.name, row.system_name, row.file, row.start_line}) {
    AppendKey(&key, static_cast<uint64_t>(v));
  }
  if (auto it = function_ids_.find(key); it != function_ids_.end()) return it->second;
  functions_.push_back(row);
  const uint64_t id = functions_.size();
  function_ids_.emplace(std::move(key), id);
  return id;
}

LocationId PprofProfile::InternLocation(std::span<const Frame> inline_chain, uint64_t address) {
  LocationRow row;
  row.address = address;
  row.lines.reserve(inline_chain.size());
  std::string key;
  AppendKey(&key, address);
  for (const Frame& frame : inline_chain) {
    const LineRow line{InternFunction(frame), frame.line};
    AppendKey(&key, line.function_id);
    AppendKey(&key, static_cast<uint64_t>(line.line));
    row.lines.push_back(line);
  }
  if (auto it = location_ids_.find(key); it != location_ids_.end()) {
    return LocationId{it->second};
  }
  locations_.push_back(std::move(row));
  const uint64_t id = locations_.size();
  location_ids_.emplace(std::move(key), id);
  return LocationId{id};
}

bool PprofProfile::AddSample(std::span<const LocationId> stack, std::span<const int64_t> values,
                             std::span<const Label> labels) {
  auto fail = [this](std::string message) {
    if (first_error_.empty()) first_error_ = std::move(message);
    return false;
  };
  if (values.size() != sample_types_.size()) {
    return fail("sample has " + std::to_string(values.size()) + " values but the profile has " +
                std::to_string(sample_types_.size()) + " sample types");
  }
  std::string key;
  for (LocationId id : stack) {
    const auto raw = static_cast<uint64_t>(id);
    if (raw == 0 || raw > locations_.size()) {
      return fail("sample refers to unknown location id " + std::to_string(raw));
    }
    AppendKey(&key, raw);
  }
  AppendKey(&key, 0);  // ends the stack: ids are never 0
  std::vector<LabelRow> label_rows;
  label_rows.reserve(labels.size());
  for (const Label& label : labels) {
    LabelRow row{Intern(label.key), 0, 0, 0};
    if (label.is_num) {
      row.num = label.num;
      row.num_unit = label.num_unit.empty() ? 0 : Intern(label.num_unit);
    } else {
      row.str = Intern(label.str);
    }
    for (int64_t v : {row.key, row.str, row.num, row.num_unit}) {
      AppendKey(&key, static_cast<uint64_t>(v));
    }
    label_rows.push_back(row);
  }
  if (auto it = sample_index_.find(key); it != sample_index_.end()) {
    std::vector<int64_t>& sums = samples_[it->second].values;
    for (size_t i = 0; i < values.size(); ++i) sums[i] += values[i];
    return true;
  }
  SampleRow row;
  row.location_ids.reserve(stack.size());
  for (LocationId id : stack) row.location_ids.push_back(static_cast<uint64_t>(id));
  row.values.assign(values.begin(), values.end());
  row.labels = std::move(label_rows);
  sample_index_.emplace(std::move(key), samples_.size());
  samples_.push_back(std::move(row));
  return true;
}

bool PprofProfile::AddStackSample(std::span<const Frame> stack, std::span<const int64_t> values,
                                  std::span<const Label> labels) {
  std::vector<LocationId> ids;
  ids.reserve(stack.size());
  for (const Frame& frame : stack) ids.push_back(InternLocation(frame));
  return AddSample(ids, values, labels);
}

WriteStatus PprofProfile::Validate() const {
  if (!first_error_.empty()) return WriteStatus::Fail("invalid profile: " + first_error_);
  if (sample_types_.empty()) return WriteStatus::Fail("invalid profile: no sample types");
  if (default_sample_type_ != 0) {
    bool found = false;
    for (const ValueTypeIds& vt : sample_types_) found = found || vt.type == default_sample_type_;
    if (!found) {
      return WriteStatus::Fail("invalid profile: default sample type \"" +
                               strings_[static_cast<size_t>(default_sample_type_)] +
                               "\" is not one of the sample types");
    }
  }
  return WriteStatus::Ok();
}

std::string PprofProfile::EncodeProto() const {
  if (!Validate()) return {};
  ProtoWriter w;
  for (const ValueTypeIds& vt : sample_types_) {
    WriteValueType(w, field::kSampleType, vt.type, vt.unit);
  }
  for (const SampleRow& sample : samples_) {
    auto mark = w.BeginMessage(field::kSample);
    w.PackedUint64(field::kSampleLocationId, sample.location_ids);
    w.PackedInt64(field::kSampleValue, sample.values);
    for (const LabelRow& label : sample.labels) {
      auto label_mark = w.BeginMessage(field::kSampleLabel);
      w.Int64Opt(field::kLabelKey, label.key);
      w.Int64Opt(field::kLabelStr, label.str);
      w.Int64Opt(field::kLabelNum, label.num);
      w.Int64Opt(field::kLabelNumUnit, label.num_unit);
      w.EndMessage(label_mark);
    }
    w.EndMessage(mark);
  }
  // One mapping that every location belongs to, marked as already symbolized: without
  // it pprof invents an empty one and, finding nothing that says the names are there,
  // tries to symbolize it and warns "Main binary filename not available."
  if (!locations_.empty()) {
    auto mark = w.BeginMessage(field::kMapping);
    w.Uint64(field::kMappingId, 1);
    w.Int64Opt(field::kMappingFilename, main_binary_);
    w.Int64Opt(field::kMappingBuildId, build_id_);
    w.Bool(field::kMappingHasFunctions, true);
    w.Bool(field::kMappingHasFilenames, true);
    w.Bool(field::kMappingHasLineNumbers, true);
    w.Bool(field::kMappingHasInlineFrames, true);
    w.EndMessage(mark);
  }
  for (size_t i = 0; i < locations_.size(); ++i) {
    const LocationRow& loc = locations_[i];
    auto mark = w.BeginMessage(field::kLocation);
    w.Uint64(field::kLocationId, i + 1);
    w.Uint64(field::kLocationMappingId, 1);
    w.Uint64Opt(field::kLocationAddress, loc.address);
    for (const LineRow& line : loc.lines) {
      auto line_mark = w.BeginMessage(field::kLocationLine);
      w.Uint64Opt(field::kLineFunctionId, line.function_id);
      w.Int64Opt(field::kLineLine, line.line);
      w.EndMessage(line_mark);
    }
    w.EndMessage(mark);
  }
  for (size_t i = 0; i < functions_.size(); ++i) {
    const FunctionRow& fn = functions_[i];
    auto mark = w.BeginMessage(field::kFunction);
    w.Uint64(field::kFunctionId, i + 1);
    w.Int64Opt(field::kFunctionName, fn.name);
    w.Int64Opt(field::kFunctionSystemName, fn.system_name);
    w.Int64Opt(field::kFunctionFilename, fn.file);
    w.Int64Opt(field::kFunctionStartLine, fn.start_line);
    w.EndMessage(mark);
  }
  for (const std::string& s : strings_) w.String(field::kStringTable, s);
  w.Int64Opt(field::kDropFrames, drop_frames_);
  w.Int64Opt(field::kKeepFrames, keep_frames_);
  w.Int64Opt(field::kTimeNanos, time_nanos_);
  w.Int64Opt(field::kDurationNanos, duration_nanos_);
  if (period_type_.type != 0 || period_type_.unit != 0) {
    WriteValueType(w, field::kPeriodType, period_type_.type, period_type_.unit);
  }
  w.Int64Opt(field::kPeriod, period_);
  w.PackedInt64(field::kComment, comments_);
  w.Int64Opt(field::kDefaultSampleType, default_sample_type_);
  return w.Take();
}

WriteStatus PprofProfile::WriteGzip(std::string* out) const {
  if (WriteStatus status = Validate(); !status) return status;
  return Gzip(EncodeProto(), out);
}

WriteStatus PprofProfile::WriteFile(const std::string& path) const {
  std::string bytes;
  if (WriteStatus status = WriteGzip(&bytes); !status) return status;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return WriteStatus::Fail("cannot write " + path + ": " + std::strerror(errno));
  }
  const size_t written = std::fwrite(bytes.data(), 1, bytes.size(), file);
  const int write_errno = errno;
  const bool close_failed = std::fclose(file) != 0;
  if (written != bytes.size()) {
    return WriteStatus::Fail("cannot write " + path + ": " + std::strerror(write_errno));
  }
  if (close_failed) return WriteStatus::Fail("cannot write " + path + ": " + std::strerror(errno));
  return WriteStatus::Ok();
}

}  // namespace ccsp::profiles
