// TraceBuilder: chunk allocation in call order (like the runtime: a stream takes the next
// free chunk when its current one is full, and links it from the previous one).
#include "trace_builder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace ccsp::testing {

using namespace ccsp::trace;

TraceBuilder::TraceBuilder(std::string path) : path_(std::move(path)) {
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot create " + path_);
}

TraceBuilder::~TraceBuilder() {
  if (!finished_) Finish();
  if (fd_ >= 0) close(fd_);
}

void TraceBuilder::Flush(Chunk& c) {
  ChunkHeader h;
  std::memcpy(&h, c.data.data(), sizeof h);
  h.used = c.used;
  std::memcpy(c.data.data(), &h, sizeof h);
  size_t len = sizeof h + c.used;
  if (pwrite(fd_, c.data.data(), len, static_cast<off_t>(ChunkOffset(c.number))) != static_cast<ssize_t>(len))
    throw std::runtime_error("write failed");
  bytes_ += len;
}

void TraceBuilder::Append(uint32_t stream, const uint8_t* rec, size_t len) {
  auto it = open_.find(stream);
  if (it == open_.end() || it->second.used + len > kChunkPayload) {
    Chunk fresh;
    fresh.number = chunks_++;
    fresh.data.assign(kChunkSize, 0);
    ChunkHeader h{};
    h.magic = kChunkMagic;
    h.stream = stream;
    h.index = next_index_[stream]++;
    std::memcpy(fresh.data.data(), &h, sizeof h);
    if (it != open_.end()) {
      ChunkHeader prev;
      std::memcpy(&prev, it->second.data.data(), sizeof prev);
      prev.next = ChunkOffset(fresh.number);
      std::memcpy(it->second.data.data(), &prev, sizeof prev);
      Flush(it->second);
      it->second = std::move(fresh);
    } else {
      it = open_.emplace(stream, std::move(fresh)).first;
    }
  }
  Chunk& c = it->second;
  std::memcpy(c.data.data() + sizeof(ChunkHeader) + c.used, rec, len);
  c.used += static_cast<uint32_t>(len);
}

void TraceBuilder::Meta(uint8_t op, std::initializer_list<uint64_t> fields) {
  uint8_t buf[kMaxRecordSize + 32];
  uint64_t f[kMetaMaxFields] = {};
  size_t i = 0;
  for (uint64_t v : fields) f[i++] = v;
  uint8_t* end = EncodeMeta(buf, op, f);
  Append(kMetaStream, buf, static_cast<size_t>(end - buf));
}

uint64_t TraceBuilder::String(const std::string& s) {
  auto it = strings_.find(s);
  if (it != strings_.end()) return it->second;
  uint64_t id = strings_.size() + 1;
  strings_[s] = id;
  uint8_t buf[kMaxRecordSize + 32];
  uint8_t* end = EncodeMetaString(buf, id, s.data(), s.size());
  Append(kMetaStream, buf, static_cast<size_t>(end - buf));
  return id;
}

uint32_t TraceBuilder::Site(const std::string& fn, const std::string& file, uint32_t line,
                            uint32_t column, uint32_t inlined_at) {
  uint64_t f = String(fn), fl = String(file);
  uint32_t id = ++sites_;
  Meta(kMetaSite, {id, f, fl, line, column, inlined_at});
  return id;
}

void TraceBuilder::Global(uint64_t addr, uint64_t size, const std::string& name,
                          const std::string& file, uint32_t line) {
  uint64_t n = String(name), f = String(file);
  Meta(kMetaGlobal, {addr, size, n, f, line});
}

void TraceBuilder::TaskName(uint32_t task, const std::string& name) {
  uint64_t n = String(name);
  Meta(kMetaTaskName, {task, n});
}

void TraceBuilder::Arg(uint64_t index, const std::string& s) {
  uint64_t n = String(s);
  Meta(kMetaArg, {index, n});
}

void TraceBuilder::Option(const std::string& key, const std::string& value) {
  uint64_t k = String(key), v = String(value);
  Meta(kMetaOption, {k, v});
}

void TraceBuilder::Panic(uint32_t task, const std::string& message) {
  uint64_t m = String(message);
  Meta(kMetaPanic, {task, m});
}

TraceBuilder::Task& TraceBuilder::T(uint32_t id) {
  auto& p = tasks_[id];
  if (!p) p.reset(new Task(this, id));
  return *p;
}

TraceBuilder::Task& TraceBuilder::Spawn(uint32_t parent, uint32_t child, uint32_t site) {
  T(parent).Sync(SyncKind::kTaskCreate, 0, child, 0, site);
  return T(child).Sync(SyncKind::kTaskStart, 0, parent);
}

void TraceBuilder::Join(uint32_t parent, uint32_t child, uint32_t site) {
  T(child).Sync(SyncKind::kTaskEnd);
  T(parent).Sync(SyncKind::kTaskJoin, 0, child, 0, site);
}

void TraceBuilder::Finish() {
  if (finished_) return;
  finished_ = true;
  if (sites_) {
    uint64_t path = String("/test/prog");
    Meta(kMetaModule, {1, path, 1, sites_});
  }
  for (auto& [stream, c] : open_) Flush(c);
  FileHeader h{};
  std::memcpy(h.magic, kMagic, sizeof h.magic);
  h.version = version_;
  h.header_size = kFileHeaderSize;
  h.chunk_size = kChunkSize;
  h.flags = complete_ ? kFlagComplete : 0;
  h.chunks_allocated = chunks_;
  h.pid = 4242;
  h.exit_status = exit_status_;
  std::snprintf(h.clock_source, sizeof h.clock_source, "monotonic");
  std::snprintf(h.program, sizeof h.program, "%s", program_.c_str());
  if (pwrite(fd_, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h)) throw std::runtime_error("write failed");
  // The file ends after the last published byte, as after the runtime's clean exit.
  open_.clear();
}

// ---- Task ----

TraceBuilder::Task& TraceBuilder::Task::Access(bool write, uint64_t addr, unsigned size, uint32_t site) {
  unsigned cls = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : size == 8 ? 3 : 4;
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeAccess(buf, state_, write, cls, addr, site);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Run(bool write, uint64_t addr, unsigned size, uint32_t count,
                                            uint32_t site) {
  unsigned cls = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : size == 8 ? 3 : 4;
  uint8_t buf[kMaxStreamRecord];
  uint8_t* count_at = nullptr;
  uint8_t* end = EncodeRun(buf, state_, write, cls, addr, count, site, &count_at);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Range(bool write, uint64_t addr, uint64_t size, uint32_t site) {
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeRange(buf, state_, write, addr, size, site);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Atomic(AtomicKind kind, MemOrder order, uint32_t size,
                                               uint64_t addr, uint32_t site) {
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeAtomic(buf, state_, kind, order, size, addr, site, ++b_->seq_);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Enter(uint32_t callsite, uint32_t fn) {
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeFuncEnter(buf, callsite, fn);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Exit() {
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeFuncExit(buf);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Sync(SyncKind kind, uint64_t obj, uint64_t arg1, uint64_t arg2,
                                             uint32_t site) {
  uint64_t seq = ++b_->seq_;
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeSync(buf, state_, kind, seq, seq * 10, obj, arg1, arg2, site);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::SampleFrame(uint32_t callsite, uint32_t fn) {
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeSampleFrame(buf, callsite, fn);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Sample(uint32_t count, uint64_t cpu_ns) {
  uint8_t buf[kMaxStreamRecord];
  uint8_t* end = EncodeSample(buf, count, cpu_ns, state_.ts);
  b_->Append(id_, buf, static_cast<size_t>(end - buf));
  return *this;
}

TraceBuilder::Task& TraceBuilder::Task::Pad() {
  uint8_t op = kOpPad;
  b_->Append(id_, &op, 1);
  return *this;
}

// ---- files ----

std::vector<uint8_t> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteFileBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::string TempTracePath(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  std::string d = dir && *dir ? dir : "/tmp";
  return d + "/ccsp-test-" + name + "-" + std::to_string(getpid()) + ".bin";
}

}  // namespace ccsp::testing
