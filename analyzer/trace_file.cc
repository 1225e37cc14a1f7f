// Opening a trace: header validation, chunk-header scan, and stream linking. Every offset
// read from the file is checked against the file size before use; a damaged chunk is
// skipped with a warning naming its offset, a damaged header is an error.
#include "analyzer/trace_file.h"

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
  std::map<uint32_t, std::vector<size_t>> by_stream;
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
    by_stream[c.stream].push_back(raw_.size());
    raw_.push_back(RawChunk{off, c.stream, c.index, c.used, c.next});
  }
  if (unwritten)
    diag.Warn(name_ + ": " + std::to_string(unwritten) +
              " allocated chunk(s) were never written, the first at " + At(first_unwritten) +
              " (the program stopped while starting them); ignored");
  LinkStreams(by_stream, diag);
  raw_.clear();
  raw_.shrink_to_fit();
}

void TraceFile::LinkStreams(std::map<uint32_t, std::vector<size_t>>& by_stream,
                            Diagnostics& diag) {
  std::unordered_map<uint64_t, size_t> by_offset;
  for (size_t i = 0; i < raw_.size(); ++i) by_offset[raw_[i].offset] = i;
  for (auto& [stream, list] : by_stream) {
    std::string who = stream == trace::kMetaStream ? std::string("the metadata stream")
                                                   : "the stream of task " + std::to_string(stream);
    // A writer killed while copying its staging chunk out leaves the copy and the staging
    // chunk with one index and the same bytes, the copy's `next` pointing at the staging chunk
    // (trace_format.h). Either one is right; that is no damage, and nothing to warn about.
    auto staging_pair = [&](size_t a, size_t b) {
      return raw_[a].next == raw_[b].offset || raw_[b].next == raw_[a].offset;
    };
    std::map<uint32_t, size_t> by_index;
    size_t twins = 0;
    for (size_t i : list) {
      auto [it, fresh] = by_index.emplace(raw_[i].index, i);
      if (fresh) continue;
      if (staging_pair(it->second, i)) {
        ++twins;
        continue;
      }
      diag.Warn(name_ + ": " + who + " has two chunks with index " +
                std::to_string(raw_[i].index) + " (at " + At(raw_[it->second].offset) +
                " and " + At(raw_[i].offset) + "); using the first");
    }
    StreamInfo s;
    s.id = stream;
    auto first = by_index.find(0);
    if (first == by_index.end()) {
      diag.Warn(name_ + ": " + who + " has no first chunk; its " + std::to_string(list.size()) +
                " chunk(s) are ignored");
      continue;
    }
    size_t cur = first->second;
    while (true) {
      const RawChunk& c = raw_[cur];
      s.chunks.push_back(ChunkRef{c.offset, c.used});
      s.bytes += c.used;
      payload_bytes_ += c.used;
      size_t next = SIZE_MAX;
      if (c.next != 0) {
        auto it = by_offset.find(c.next);
        bool same_stream = it != by_offset.end() && raw_[it->second].stream == stream;
        if (same_stream && raw_[it->second].index == c.index + 1)
          next = it->second;
        else if (!(same_stream && raw_[it->second].index == c.index))  // else: a staging twin
          diag.Warn(name_ + ": " + who + ": chunk at " + At(c.offset) +
                    " links to a bad next chunk (" + At(c.next) + ")");
      }
      if (next == SIZE_MAX) {
        // Not linked (writer stopped between allocating and linking) or bad link: a chunk
        // with the next index of the same stream is still the continuation.
        auto it = by_index.find(c.index + 1);
        if (it != by_index.end()) next = it->second;
      }
      if (next == SIZE_MAX || s.chunks.size() > list.size()) break;
      cur = next;
    }
    if (s.chunks.size() + twins < list.size())
      diag.Warn(name_ + ": " + who + ": " + std::to_string(list.size() - twins - s.chunks.size()) +
                " chunk(s) after a gap in the stream are ignored (the stream ends at " +
                At(s.chunks.back().offset) + ")");
    if (stream == trace::kMetaStream)
      meta_ = std::move(s);
    else
      tasks_.push_back(std::move(s));
  }
  // by_stream is a std::map, so tasks_ is sorted by id already.
}

}  // namespace ccsp::analyzer
