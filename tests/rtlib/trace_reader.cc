// Test-side trace reader: whole-file, eager, checks the chunk links it follows.
#include "trace_reader.h"

#include <fstream>
#include <iterator>

#include "trace/chunk_chain.h"

namespace ccsp::rttest {

using namespace ccsp::trace;

std::vector<Record> Trace::Syncs(uint32_t task, SyncKind kind) const {
  std::vector<Record> out;
  auto it = tasks.find(task);
  if (it == tasks.end()) return out;
  for (const Record& r : it->second)
    if (r.op == kOpSync && r.sync_kind == kind) out.push_back(r);
  return out;
}

std::vector<Record> Trace::Accesses(uint32_t task) const {
  std::vector<Record> out;
  auto it = tasks.find(task);
  if (it == tasks.end()) return out;
  for (const Record& r : it->second) {
    if (IsAccessOp(r.op) || r.op == kOpRange || r.op == kOpRange + 1) out.push_back(r);
    if (IsRunOp(r.op)) {  // as the Access records it stands for
      for (uint32_t i = 0; i < r.count; ++i) {
        Record e = r;
        e.op = AccessOp(r.write, static_cast<unsigned>(r.op & 7));
        e.addr = r.addr + i * r.size;
        e.count = 0;
        out.push_back(e);
      }
    }
  }
  return out;
}

std::vector<Record> Trace::Runs(uint32_t task) const {
  std::vector<Record> out;
  auto it = tasks.find(task);
  if (it == tasks.end()) return out;
  for (const Record& r : it->second)
    if (IsRunOp(r.op)) out.push_back(r);
  return out;
}

std::string Trace::Str(uint64_t id) const {
  auto it = strings.find(id);
  return it == strings.end() ? "<missing>" : it->second;
}

std::vector<std::string> Trace::Args() const {
  std::vector<std::string> out;
  for (const MetaRecord& m : meta)
    if (m.op == kMetaArg) {
      if (out.size() <= m.f[0]) out.resize(m.f[0] + 1);
      out[m.f[0]] = Str(m.f[1]);
    }
  return out;
}

std::string Trace::Option(const std::string& key) const {
  for (const MetaRecord& m : meta)
    if (m.op == kMetaOption && Str(m.f[0]) == key) return Str(m.f[1]);
  return "<unset>";
}

Trace ReadTrace(const std::string& path) {
  Trace t;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    t.error = "cannot open " + path;
    return t;
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < kFileHeaderSize) {
    t.error = "short file";
    return t;
  }
  std::memcpy(&t.header, bytes.data(), sizeof t.header);
  if (std::memcmp(t.header.magic, kMagic, 8) != 0 || t.header.version != kFormatVersion) {
    t.error = "bad magic/version";
    return t;
  }
  uint64_t n = t.header.chunks_allocated;
  if (ChunkOffset(n) > bytes.size()) {
    t.error = "chunks_allocated beyond file size";
    return t;
  }
  std::vector<ChunkEntry> entries = ChunkEntriesOf(bytes.data(), bytes.size());
  if (entries.size() != n) {
    t.error = "bad chunk magic";
    return t;
  }
  ChunkChains chains = LinkChunkChains(entries);
  if (!chains.notices.empty()) t.error = "broken chunk chain";
  std::vector<const StreamChunks*> streams;
  for (const StreamChunks& s : chains.tasks) streams.push_back(&s);
  if (chains.has_meta) streams.push_back(&chains.meta);
  for (const StreamChunks* sc : streams) {
    uint32_t stream = sc->stream;
    StreamState ss;
    std::vector<uint8_t> payload;
    for (const ChunkEntry& c : sc->chunks) {
      const uint8_t* p = bytes.data() + c.offset + sizeof(ChunkHeader);
      payload.insert(payload.end(), p, p + c.used);
      // Records never straddle chunks: decode chunk by chunk.
      const uint8_t* q = payload.data();
      const uint8_t* end = q + payload.size();
      t.payload_bytes += c.used;
      while (q < end) {
        if (stream == kMetaStream) {
          MetaRecord m;
          if (DecodeMeta(&q, end, &m) != DecodeStatus::kOk) {
            t.error = "bad meta record";
            break;
          }
          if (m.op == kMetaString) t.strings[m.f[0]] = std::string(reinterpret_cast<const char*>(m.bytes), m.f[1]);
          else t.meta.push_back(m);
        } else {
          Record r;
          if (DecodeRecord(&q, end, ss, &r) != DecodeStatus::kOk) {
            t.error = "bad task record in stream " + std::to_string(stream);
            break;
          }
          if (r.op != kOpPad) t.tasks[stream].push_back(r);
        }
      }
      payload.clear();
    }
  }
  return t;
}

}  // namespace ccsp::rttest
