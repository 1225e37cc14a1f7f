// ChromeTraceWriter: the JSON is written by hand into a 64 KiB buffer flushed to the
// sink. Strings are escaped and made valid UTF-8 (invalid bytes become U+FFFD), because
// file and function names are arbitrary bytes and JSON readers reject bad UTF-8.
#include "analyzer/profiles/chrome_trace.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ostream>
#include <utility>

namespace ccsp::profiles {
namespace {

constexpr size_t kFlushBytes = 1 << 16;

void AppendInt(std::string* out, int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  (void)ec;
  out->append(digits, end);
}

// Nanoseconds as microseconds with exactly three decimals: 1234567 -> "1234.567".
void AppendMicros(std::string* out, int64_t ns) {
  uint64_t magnitude = ns < 0 ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  if (ns < 0) out->push_back('-');
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, magnitude / 1000);
  (void)ec;
  out->append(digits, end);
  const auto frac = static_cast<unsigned>(magnitude % 1000);
  out->push_back('.');
  out->push_back(static_cast<char>('0' + frac / 100));
  out->push_back(static_cast<char>('0' + frac / 10 % 10));
  out->push_back(static_cast<char>('0' + frac % 10));
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one (overlong
// forms, surrogates and code points past U+10FFFF are invalid).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  size_t length;
  uint32_t code;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
    code = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    code = b0 & 0x0f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    code = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xc0) != 0x80) return 0;
    code = (code << 6) | (b & 0x3f);
  }
  if (length == 3 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) return 0;
  if (length == 4 && (code < 0x10000 || code > 0x10ffff)) return 0;
  return length;
}

void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(s, i);
      if (length == 0) {
        out->append("\xef\xbf\xbd");  // U+FFFD for the one bad byte; resync after it
        ++i;
      } else {
        out->append(s.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7f) {  // Perfetto's tokenizer rejects raw controls (DEL too)
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendHexId(std::string* out, uint64_t id) {
  char digits[20];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, id, 16);
  (void)ec;
  out->append("\"0x");
  out->append(digits, end);
  out->push_back('"');
}

}  // namespace

ChromeTraceWriter::ChromeTraceWriter(std::ostream& out) : ChromeTraceWriter(out, Options{}) {}

ChromeTraceWriter::ChromeTraceWriter(std::ostream& out, Options options)
    : options_(std::move(options)), stream_(&out) {
  WriteHeader();
}

ChromeTraceWriter::ChromeTraceWriter(std::FILE* out) : ChromeTraceWriter(out, Options{}) {}

ChromeTraceWriter::ChromeTraceWriter(std::FILE* out, Options options)
    : options_(std::move(options)), file_(out) {
  WriteHeader();
}

void ChromeTraceWriter::WriteHeader() {
  buffer_.reserve(kFlushBytes + 4096);
  // The object form, so a footer can follow the events; the process is named first.
  buffer_.append("{\"traceEvents\":[\n{\"ph\":\"M\",\"pid\":");
  AppendInt(&buffer_, options_.pid);
  buffer_.append(",\"name\":\"process_name\",\"args\":{\"name\":");
  AppendJsonString(&buffer_, options_.process_name);
  buffer_.append("}}");
}

std::unique_ptr<ChromeTraceWriter> ChromeTraceWriter::OpenFile(const std::string& path,
                                                               Options options,
                                                               WriteStatus* status) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) {
    if (status) *status = WriteStatus::Fail("cannot write " + path + ": " + std::strerror(errno));
    return nullptr;
  }
  auto writer = std::make_unique<ChromeTraceWriter>(file, std::move(options));
  writer->owns_file_ = true;
  writer->path_ = path;
  if (status) *status = WriteStatus::Ok();
  return writer;
}

ChromeTraceWriter::~ChromeTraceWriter() {
  if (!finished_) Finish();
}

void ChromeTraceWriter::Flush() {
  if (buffer_.empty()) return;
  if (error_.empty()) {
    const std::string where = path_.empty() ? std::string("trace output") : path_;
    if (stream_ != nullptr) {
      stream_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
      if (!*stream_) error_ = "cannot write " + where + ": stream error";
    } else if (file_ != nullptr) {
      if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
        error_ = "cannot write " + where + ": " + std::strerror(errno);
      }
    }
  }
  buffer_.clear();
}

bool ChromeTraceWriter::Admit(int64_t ts_ns) {
  if (options_.max_events == 0 || events_written_ < options_.max_events) {
    ++events_written_;
    return true;
  }
  if (cuts_.events() == 0) {
    // One global instant where the cut starts, so a viewer shows why the trace ends.
    buffer_.append(",\n{\"ph\":\"i\",\"s\":\"g\",\"pid\":");
    AppendInt(&buffer_, options_.pid);
    buffer_.append(",\"ts\":");
    AppendMicros(&buffer_, ts_ns);
    buffer_.append(",\"name\":\"ccsp: max_events (");
    AppendInt(&buffer_, static_cast<int64_t>(options_.max_events));
    buffer_.append(") reached, later events cut\"}");
  }
  return false;
}

void ChromeTraceWriter::BeginEvent(char phase, TrackId track, int64_t ts_ns) {
  buffer_.append(",\n{\"ph\":\"");
  buffer_.push_back(phase);
  buffer_.append("\",\"pid\":");
  AppendInt(&buffer_, options_.pid);
  buffer_.append(",\"tid\":");
  AppendInt(&buffer_, static_cast<int64_t>(track) + 1);
  if (phase != 'M') {
    buffer_.append(",\"ts\":");
    AppendMicros(&buffer_, ts_ns);
  }
}

void ChromeTraceWriter::WriteArgs(std::span<const TraceArg> args) {
  if (args.empty()) return;
  buffer_.append(",\"args\":{");
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) buffer_.push_back(',');
    AppendJsonString(&buffer_, args[i].key);
    buffer_.push_back(':');
    if (args[i].is_int) {
      AppendInt(&buffer_, args[i].num);
    } else {
      AppendJsonString(&buffer_, args[i].str);
    }
  }
  buffer_.push_back('}');
}

void ChromeTraceWriter::NameTrack(TrackId track, std::string_view name, int64_t sort_index) {
  if (finished_) return;
  BeginEvent('M', track, 0);
  buffer_.append(",\"name\":\"thread_name\",\"args\":{\"name\":");
  AppendJsonString(&buffer_, name);
  buffer_.append("}}");
  if (sort_index >= 0) {
    BeginEvent('M', track, 0);
    buffer_.append(",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":");
    AppendInt(&buffer_, sort_index);
    buffer_.append("}}");
  }
  if (buffer_.size() >= kFlushBytes) Flush();
}

void ChromeTraceWriter::WriteSliceEvent(const TraceSlice& slice, uint64_t bind_id, bool flow_in,
                                        bool flow_out, int64_t dur_ns) {
  BeginEvent('X', slice.track, slice.ts_ns);
  buffer_.append(",\"dur\":");
  AppendMicros(&buffer_, dur_ns < 0 ? 0 : dur_ns);
  buffer_.append(",\"name\":");
  AppendJsonString(&buffer_, slice.name);
  if (!slice.category.empty()) {
    buffer_.append(",\"cat\":");
    AppendJsonString(&buffer_, slice.category);
  }
  if (bind_id != 0) {
    buffer_.append(",\"bind_id\":");
    AppendHexId(&buffer_, bind_id);
    if (flow_in) buffer_.append(",\"flow_in\":true");
    if (flow_out) buffer_.append(",\"flow_out\":true");
  }
  WriteArgs(slice.args);
  buffer_.push_back('}');
}

void ChromeTraceWriter::Slice(const TraceSlice& slice) {
  if (finished_) return;
  const bool split = slice.flow_in != 0 && slice.flow_out != 0 && slice.flow_in != slice.flow_out;
  const uint64_t ends = (slice.flow_in != 0 ? 1 : 0) + (slice.flow_out != 0 ? 1 : 0);
  if (!Admit(slice.ts_ns)) {
    ++cuts_.slices;
    cuts_.flow_ends += ends;
    return;
  }
  if (split) {
    // The arrival goes on its own zero-length slice at the start: one bind_id per event.
    WriteSliceEvent(slice, slice.flow_out, false, true, slice.dur_ns);
    if (Admit(slice.ts_ns)) {
      WriteSliceEvent(slice, slice.flow_in, true, false, 0);
    } else {
      ++cuts_.slices;
      ++cuts_.flow_ends;
    }
  } else {
    const uint64_t id = slice.flow_out != 0 ? slice.flow_out : slice.flow_in;
    // Same id in and out is a flow step: the arrow passes through this slice.
    WriteSliceEvent(slice, id, slice.flow_in != 0, slice.flow_out != 0, slice.dur_ns);
  }
  if (buffer_.size() >= kFlushBytes) Flush();
}

void ChromeTraceWriter::Instant(TrackId track, std::string_view name, int64_t ts_ns,
                                std::span<const TraceArg> args, std::string_view category) {
  if (finished_) return;
  if (!Admit(ts_ns)) {
    ++cuts_.instants;
    return;
  }
  BeginEvent('i', track, ts_ns);
  buffer_.append(",\"s\":\"t\",\"name\":");
  AppendJsonString(&buffer_, name);
  if (!category.empty()) {
    buffer_.append(",\"cat\":");
    AppendJsonString(&buffer_, category);
  }
  WriteArgs(args);
  buffer_.push_back('}');
  if (buffer_.size() >= kFlushBytes) Flush();
}

WriteStatus ChromeTraceWriter::Finish() {
  if (finished_) return error_.empty() ? WriteStatus::Ok() : WriteStatus::Fail(error_);
  finished_ = true;
  // No "displayTimeUnit": older Perfetto versions read it as the unit of "ts".
  buffer_.append("\n],\n\"otherData\":{\"producer\":\"ccsp\",\"events_written\":");
  AppendInt(&buffer_, static_cast<int64_t>(events_written_));
  buffer_.append(",\"max_events\":");
  AppendInt(&buffer_, static_cast<int64_t>(options_.max_events));
  buffer_.append(",\"slices_cut\":");
  AppendInt(&buffer_, static_cast<int64_t>(cuts_.slices));
  buffer_.append(",\"instants_cut\":");
  AppendInt(&buffer_, static_cast<int64_t>(cuts_.instants));
  buffer_.append(",\"flow_ends_cut\":");
  AppendInt(&buffer_, static_cast<int64_t>(cuts_.flow_ends));
  buffer_.append("}}\n");
  Flush();
  const std::string where = path_.empty() ? std::string("trace output") : path_;
  if (stream_ != nullptr) {
    stream_->flush();
    if (!*stream_ && error_.empty()) error_ = "cannot write " + where + ": stream error";
  } else if (file_ != nullptr) {
    if (std::fflush(file_) != 0 && error_.empty()) {
      error_ = "cannot write " + where + ": " + std::strerror(errno);
    }
    if (owns_file_) {
      if (std::fclose(file_) != 0 && error_.empty()) {
        error_ = "cannot write " + where + ": " + std::strerror(errno);
      }
      file_ = nullptr;
    }
  }
  return error_.empty() ? WriteStatus::Ok() : WriteStatus::Fail(error_);
}

}  // namespace ccsp::profiles
