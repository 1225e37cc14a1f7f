// Sequential reader of one task stream: walks the stream's chunks through a small window
// buffer (memory per task is the window, never the stream) and decodes records with
// trace/codec.h. The first corrupt record ends the stream with a warning naming its offset.
#pragma once

#include <cstdint>
#include <vector>

#include "analyzer/base/diagnostics.h"
#include "analyzer/base/hot_path.h"
#include "analyzer/reading/trace_file.h"
#include "trace/codec.h"

namespace ccsp::analyzer {

class StreamCursor {
 public:
  StreamCursor(TraceFile& file, const StreamInfo& stream, Diagnostics& diag);

  // Decodes the next record into *r. Returns false at the end of the stream. Inlined with
  // the whole decoder (flatten): this is the per-event path of the replay.
  CCSP_HOT_INLINE __attribute__((flatten)) bool Next(trace::Record* r) {
    if (static_cast<size_t>(end_ - p_) < kRefillMargin && !window_is_tail_) {
      if (!Refill()) return false;
    }
    if (p_ >= end_ && !Refill()) return false;
    const uint8_t* start = p_;
    trace::DecodeStatus st = trace::DecodeRecord(&p_, end_, state_, r);
    if (st != trace::DecodeStatus::kOk) return Corrupt(st, start);
    return true;
  }

  // File offset of the next undecoded byte (for messages).
  uint64_t offset() const;
  // Payload bytes consumed so far (for progress).
  uint64_t consumed() const { return consumed_before_window_ + static_cast<uint64_t>(p_ - buf_.data()); }
  uint32_t stream_id() const { return stream_->id; }

 private:
  static constexpr size_t kWindow = 32 * 1024;
  // The first window of a stream is small: every stream is opened when the replay starts
  // (to learn its first seq), and a program that starts many tasks has many short streams.
  // It still holds any one record.
  static constexpr size_t kFirstWindow = trace::kMaxRecordSize;
  static constexpr size_t kRefillMargin = trace::kMaxRecordSize;

  bool Refill();  // moves the window forward; false at the end of the stream
  bool Corrupt(trace::DecodeStatus st, const uint8_t* at);

  TraceFile* file_;
  const StreamInfo* stream_;
  Diagnostics* diag_;
  trace::StreamState state_;
  std::vector<uint8_t> buf_;
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  size_t chunk_ = 0;            // current chunk index in stream_->chunks
  uint32_t window_pos_ = 0;     // payload offset of buf_[0] within the current chunk
  bool window_is_tail_ = false; // the window reaches the end of the current chunk
  bool done_ = false;
  bool short_read_ = false;    // the file ended early; no more windows
  uint64_t consumed_before_window_ = 0;
};

}  // namespace ccsp::analyzer
