// Window management for StreamCursor: a record never straddles chunks, so the window is
// refilled from the current position whenever fewer than kMaxRecordSize bytes remain in it
// and the chunk has more.
#include "analyzer/reading/stream_cursor.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace ccsp::analyzer {

StreamCursor::StreamCursor(TraceFile& file, const StreamInfo& stream, Diagnostics& diag)
    : file_(&file), stream_(&stream), diag_(&diag) {
  p_ = end_ = buf_.data();  // the window is allocated by the first Refill
  window_is_tail_ = false;
  chunk_ = 0;
  window_pos_ = 0;
  if (stream.chunks.empty()) done_ = window_is_tail_ = true;
}

uint64_t StreamCursor::offset() const {
  if (chunk_ >= stream_->chunks.size()) {
    if (stream_->chunks.empty()) return 0;
    const ChunkRef& c = stream_->chunks.back();
    return c.offset + sizeof(trace::ChunkHeader) + c.used;
  }
  return stream_->chunks[chunk_].offset + sizeof(trace::ChunkHeader) + window_pos_ +
         static_cast<uint64_t>(p_ - buf_.data());
}

bool StreamCursor::Refill() {
  if (done_) return false;
  while (true) {
    const ChunkRef& c = stream_->chunks[chunk_];
    uint32_t pos = window_pos_ + static_cast<uint32_t>(p_ - buf_.data());
    consumed_before_window_ += static_cast<uint64_t>(p_ - buf_.data());
    p_ = end_ = buf_.data();
    if (pos >= c.used || short_read_) {
      if (short_read_ || ++chunk_ >= stream_->chunks.size()) {
        done_ = window_is_tail_ = true;
        chunk_ = stream_->chunks.size();
        return false;
      }
      window_pos_ = 0;
      continue;
    }
    size_t want = std::min<size_t>(buf_.empty() ? kFirstWindow : kWindow, c.used - pos);
    if (buf_.size() < want) {
      buf_.resize(buf_.empty() ? want : kWindow);
      p_ = end_ = buf_.data();
    }
    uint64_t at = c.offset + sizeof(trace::ChunkHeader) + pos;
    size_t got = file_->source().ReadAt(at, buf_.data(), want);
    window_pos_ = pos;
    end_ = p_ + got;
    window_is_tail_ = pos + got >= c.used;
    if (got < want) {
      diag_->Warn(file_->name() + ": trace ends at offset " + std::to_string(at + got) +
                  " while reading the stream of task " + std::to_string(stream_->id) +
                  " (the file shrank); analyzing up to there");
      window_is_tail_ = short_read_ = true;
      if (got == 0) continue;
    }
    return true;
  }
}

bool StreamCursor::Corrupt(trace::DecodeStatus st, const uint8_t* at) {
  p_ = at;
  char op[8];
  std::snprintf(op, sizeof op, "0x%02x", static_cast<unsigned>(*at));
  const char* what = st == trace::DecodeStatus::kBadOpcode  ? "unknown opcode "
                     : st == trace::DecodeStatus::kBadField ? "bad field in record "
                                                            : "record cut short, opcode ";
  diag_->Warn(file_->name() + ": corrupt record in the stream of task " +
              std::to_string(stream_->id) + " at offset " + std::to_string(offset()) + " (" +
              what + op + "); the rest of this task's stream is ignored");
  done_ = window_is_tail_ = true;
  p_ = end_ = buf_.data();
  chunk_ = stream_->chunks.size();
  return false;
}

}  // namespace ccsp::analyzer
