// Opening a trace: header validation, chunk-header scan, and stream linking. Every offset
// read from the file is checked against the file size before use; a damaged chunk is
// skipped with a warning naming its offset, a damaged header is an error.
#include "analyzer/reading/trace_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>

namespace ccsp::analyzer {
namespace {

using trace::ChunkHeader;
using trace::FileHeader;

class FileSource : public ByteSource {
 public:
  FileSource(int fd, uint64_t size) : fd_(fd), size_(size) {}
  ~FileSource() override { close(fd_); }
  uint64_t Size() const override { return size_; }
  size_t ReadAt(uint64_t offset, void* buf, size_t len) override {
    size_t done = 0;
    while (done < len) {
      ssize_t n = pread(fd_, static_cast<char*>(buf) + done, len - done,
                        static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    return done;
  }

 private:
  int fd_;
  uint64_t size_;
};

class BufferSource : public ByteSource {
 public:
  BufferSource(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint64_t Size() const override { return size_; }
  size_t ReadAt(uint64_t offset, void* buf, size_t len) override {
    if (offset >= size_) return 0;
    size_t n = static_cast<size_t>(std::min<uint64_t>(len, size_ - offset));
    if (n) std::memcpy(buf, data_ + offset, n);
    return n;
  }

 private:
  const uint8_t* data_;
  size_t size_;
};

std::string At(uint64_t offset) { return "offset " + std::to_string(offset); }

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{path + ": cannot open: " + std::strerror(errno)};
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return Error{path + ": cannot stat: " + std::strerror(e)};
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return Error{path + ": is a directory, not a ccsp trace"};
  }
  return std::unique_ptr<ByteSource>(new FileSource(fd, static_cast<uint64_t>(st.st_size)));
}

std::unique_ptr<ByteSource> MemorySource(const uint8_t* data, size_t size) {
  return std::make_unique<BufferSource>(data, size);
}

Result<std::unique_ptr<TraceFile>> TraceFile::Open(const std::string& path, Diagnostics& diag) {
  auto src = OpenFileSource(path);
  if (!src) return src.error();
  return FromSource(std::move(src.value()), path, diag);
}

Result<std::unique_ptr<TraceFile>> TraceFile::FromSource(std::unique_ptr<ByteSource> source,
                                                         const std::string& name,
                                                         Diagnostics& diag) {
  std::unique_ptr<TraceFile> f(new TraceFile());
  f->source_ = std::move(source);
  f->name_ = name;
  uint64_t size = f->source_->Size();
  FileHeader& h = f->header_;
  size_t got = f->source_->ReadAt(0, &h, sizeof h);
  if (got < sizeof h.magic || std::memcmp(h.magic, trace::kMagic, sizeof h.magic) != 0) {
    if (size == 0) return Error{name + ": not a ccsp trace (the file is empty)"};
    return Error{name + ": not a ccsp trace (no CCSPTRC magic at offset 0)"};
  }
  if (got >= offsetof(FileHeader, header_size) && h.version != trace::kFormatVersion)
    return Error{name + ": trace format version " + std::to_string(h.version) +
                 " is not supported: this ccsp-analyze reads version " +
                 std::to_string(trace::kFormatVersion) +
                 " (analyze the trace with the ccsp-analyze of the ccsp that recorded it)"};
  if (got < sizeof h)
    return Error{name + ": truncated trace: the file ends at " + At(size) +
                 ", inside the " + std::to_string(trace::kFileHeaderSize) + "-byte header"};
  if (h.header_size != trace::kFileHeaderSize)
    return Error{name + ": corrupt trace header: header_size " + std::to_string(h.header_size) +
                 " at " + At(offsetof(FileHeader, header_size)) + " (expected " +
                 std::to_string(trace::kFileHeaderSize) + ")"};
  if (h.chunk_size != trace::kChunkSize)
    return Error{name + ": corrupt trace header: chunk_size " + std::to_string(h.chunk_size) +
                 " at " + At(offsetof(FileHeader, chunk_size)) + " (expected " +
                 std::to_string(trace::kChunkSize) + ")"};
  h.clock_source[sizeof h.clock_source - 1] = '\0';
  h.program[sizeof h.program - 1] = '\0';
  f->ScanChunks(diag);
  return f;
}

void TraceFile::ScanChunks(Diagnostics& diag) {
  uint64_t size = source_->Size();
  uint64_t body = size - trace::kFileHeaderSize;
  // Chunks whose header is in the file (a partial last chunk still counts).
  uint64_t present = (body + trace::kChunkSize - 1) / trace::kChunkSize;
  if (present > 0 && trace::ChunkOffset(present - 1) + sizeof(ChunkHeader) > size) --present;
  uint64_t n = header_.chunks_allocated;
  if (n > present) {
    diag.Warn(name_ + ": trace is cut short: the header announces " + std::to_string(n) +
              " chunks but the file ends at " + At(size) + " after " + std::to_string(present) +
              "; analyzing what is there");
    n = present;
  }
  std::vector<trace::ChunkEntry> raw;
  uint64_t unwritten = 0, first_unwritten = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t off = trace::ChunkOffset(i);
    ChunkHeader c;
    if (source_->ReadAt(off, &c, sizeof c) != sizeof c) {
      diag.Warn(name_ + ": trace ends at " + At(off) + " (file shrank while reading)");
      break;
    }
    if (c.magic != trace::kChunkMagic) {
      static const ChunkHeader zero{};
      if (std::memcmp(&c, &zero, sizeof c) == 0) {
        if (unwritten++ == 0) first_unwritten = off;
      } else {
        diag.Warn(name_ + ": corrupt chunk at " + At(off) + " (bad chunk magic); skipped");
      }
      continue;
    }
    if (c.used > trace::kChunkPayload) {
      diag.Warn(name_ + ": corrupt chunk at " + At(off) + " (used " + std::to_string(c.used) +
                " exceeds the chunk payload); skipped");
      continue;
    }
    uint64_t avail = size - off - sizeof c;
    if (c.used > avail) {
      diag.Warn(name_ + ": trace is truncated: it ends at " + At(size) +
                " inside the chunk at " + At(off) + " (" + std::to_string(avail) + " of " +
                std::to_string(c.used) + " published bytes present); analyzing up to there");
      c.used = static_cast<uint32_t>(avail);
    }
    raw.push_back(trace::ChunkEntry{off, c.stream, c.index, c.used, c.next});
  }
  if (unwritten)
    diag.Warn(name_ + ": " + std::to_string(unwritten) +
              " allocated chunk(s) were never written, the first at " + At(first_unwritten) +
              " (the program stopped while starting them); ignored");
  LinkStreams(raw, diag);
}

void TraceFile::LinkStreams(const std::vector<trace::ChunkEntry>& raw, Diagnostics& diag) {
  trace::ChunkChains chains = trace::LinkChunkChains(raw);
  auto who = [](uint32_t stream) {
    return stream == trace::kMetaStream ? std::string("the metadata stream")
                                        : "the stream of task " + std::to_string(stream);
  };
  for (const trace::ChainNotice& n : chains.notices) {
    switch (n.damage) {
      case trace::ChainDamage::kDuplicateIndex:
        diag.Warn(name_ + ": " + who(n.stream) + " has two chunks with index " +
                  std::to_string(n.index) + " (at " + At(n.offset) + " and " + At(n.other) +
                  "); using the first");
        break;
      case trace::ChainDamage::kNoFirstChunk:
        diag.Warn(name_ + ": " + who(n.stream) + " has no first chunk; its " +
                  std::to_string(n.count) + " chunk(s) are ignored");
        break;
      case trace::ChainDamage::kBadLink:
        diag.Warn(name_ + ": " + who(n.stream) + ": chunk at " + At(n.offset) +
                  " links to a bad next chunk (" + At(n.other) + ")");
        break;
      case trace::ChainDamage::kGap:
        diag.Warn(name_ + ": " + who(n.stream) + ": " + std::to_string(n.count) +
                  " chunk(s) after a gap in the stream are ignored (the stream ends at " +
                  At(n.offset) + ")");
        break;
    }
  }
  auto convert = [&](const trace::StreamChunks& c) {
    StreamInfo s;
    s.id = c.stream;
    for (const trace::ChunkEntry& e : c.chunks) s.chunks.push_back(ChunkRef{e.offset, e.used});
    s.bytes = c.bytes;
    payload_bytes_ += c.bytes;
    return s;
  };
  if (chains.has_meta) meta_ = convert(chains.meta);
  for (const trace::StreamChunks& c : chains.tasks) tasks_.push_back(convert(c));
}

}  // namespace ccsp::analyzer
