// A trace file opened for streaming: the validated FileHeader and, per stream, its chunks in
// stream order. Reads go through pread (never mmap: a file that shrinks under us must give a
// short read, not SIGBUS); only chunk headers are read here, payloads later by cursors.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/base/diagnostics.h"
#include "analyzer/base/result.h"
#include "trace/chunk_chain.h"

namespace ccsp::analyzer {

// Where trace bytes come from: a file (pread) or a buffer (tests, the fuzzer).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t Size() const = 0;
  // Copies up to len bytes at offset into buf; returns the count (short at the end).
  virtual size_t ReadAt(uint64_t offset, void* buf, size_t len) = 0;
};

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);
// The buffer must outlive the source.
std::unique_ptr<ByteSource> MemorySource(const uint8_t* data, size_t size);

// One chunk of a stream: payload bytes [offset + 32, offset + 32 + used) are valid.
struct ChunkRef {
  uint64_t offset = 0;
  uint32_t used = 0;
};

struct StreamInfo {
  uint32_t id = 0;  // task id, or trace::kMetaStream
  std::vector<ChunkRef> chunks;
  uint64_t bytes = 0;  // sum of used
};

class TraceFile {
 public:
  // Opens and validates `path`. Errors (missing file, foreign file, bad version, corrupt
  // header) are returned; damage after the header becomes warnings in `diag`.
  static Result<std::unique_ptr<TraceFile>> Open(const std::string& path, Diagnostics& diag);
  static Result<std::unique_ptr<TraceFile>> FromSource(std::unique_ptr<ByteSource> source,
                                                       const std::string& name, Diagnostics& diag);

  const trace::FileHeader& header() const { return header_; }
  const std::string& name() const { return name_; }
  bool complete() const { return (header_.flags & trace::kFlagComplete) != 0; }
  const StreamInfo& meta() const { return meta_; }
  const std::vector<StreamInfo>& tasks() const { return tasks_; }  // sorted by id
  uint64_t payload_bytes() const { return payload_bytes_; }
  ByteSource& source() { return *source_; }

 private:
  TraceFile() = default;
  void ScanChunks(Diagnostics& diag);
  void LinkStreams(const std::vector<trace::ChunkEntry>& raw, Diagnostics& diag);

  std::unique_ptr<ByteSource> source_;
  std::string name_;
  trace::FileHeader header_{};
  StreamInfo meta_;
  std::vector<StreamInfo> tasks_;
  uint64_t payload_bytes_ = 0;
};

}  // namespace ccsp::analyzer
