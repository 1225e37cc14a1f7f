// libFuzzer target for the trace reader and everything behind it (metadata, replay, race
// detector, renderers). Two input shapes: a whole trace file (starts with the magic), or raw
// stream payloads that the harness wraps in a valid header and chunk headers -- the second
// reaches the decoders and the replay far more often than random headers would.
#include <cstdint>
#include <cstring>
#include <sstream>
#include <vector>

#include "analyzer/analysis.h"
#include "analyzer/reports/report_json.h"
#include "analyzer/reports/report_text.h"
#include "trace/format.h"

namespace {

using namespace ccsp;

// Input: flags byte (bit 0 complete, bits 1-2 = task streams - 1), then the payloads of the
// metadata stream and of tasks 1..n, separated by the two bytes 0xff 0x00 (missing
// separators leave later streams empty). Each payload is cut into chunks of at most
// `chunk_payload` bytes, where the flags' bits 3-4 pick a small chunk size so that several
// chunks per stream (and their links) are exercised.
std::vector<uint8_t> Wrap(const uint8_t* data, size_t size) {
  uint8_t flags = size ? data[0] : 0;
  unsigned tasks = ((flags >> 1) & 3) + 1;
  std::vector<std::vector<uint8_t>> streams(tasks + 1);
  size_t s = 0;
  for (size_t i = 1; i < size; ++i) {
    if (i + 1 < size && data[i] == 0xff && data[i + 1] == 0x00 && s + 1 < streams.size()) {
      ++s;
      ++i;
      continue;
    }
    streams[s].push_back(data[i]);
  }
  std::vector<uint8_t> file(trace::kFileHeaderSize, 0);
  uint64_t chunk = 0;
  size_t last_used = 0;
  for (size_t i = 0; i < streams.size(); ++i) {
    uint32_t id = i == 0 ? trace::kMetaStream : static_cast<uint32_t>(i);
    const std::vector<uint8_t>& p = streams[i];
    size_t per = trace::kChunkPayload;
    if (flags & 0x18) per = 64u << ((flags >> 3) & 3);  // 128, 256 or 512 bytes
    size_t pos = 0;
    uint32_t index = 0;
    do {
      size_t n = std::min(per, p.size() - pos);
      // A record never straddles chunks; here it may, which the reader must survive.
      trace::ChunkHeader h{};
      h.magic = trace::kChunkMagic;
      h.stream = id;
      h.index = index++;
      h.used = static_cast<uint32_t>(n);
      bool more = pos + n < p.size();
      h.next = more ? trace::ChunkOffset(chunk + 1) : 0;
      file.resize(trace::ChunkOffset(chunk) + trace::kChunkSize, 0);
      std::memcpy(file.data() + trace::ChunkOffset(chunk), &h, sizeof h);
      if (n) std::memcpy(file.data() + trace::ChunkOffset(chunk) + sizeof h, p.data() + pos, n);
      ++chunk;
      pos += n;
      last_used = n;
    } while (pos < p.size());
  }
  trace::FileHeader hdr{};
  std::memcpy(hdr.magic, trace::kMagic, sizeof hdr.magic);
  hdr.version = trace::kFormatVersion;
  hdr.header_size = trace::kFileHeaderSize;
  hdr.chunk_size = trace::kChunkSize;
  hdr.flags = (flags & 1) ? trace::kFlagComplete : 0;
  hdr.chunks_allocated = chunk;
  std::memcpy(file.data(), &hdr, sizeof hdr);
  // Cut the unused tail of the last chunk, as the runtime's clean exit does.
  if (chunk) file.resize(trace::ChunkOffset(chunk - 1) + sizeof(trace::ChunkHeader) + last_used);
  return file;
}

void Analyze(const uint8_t* data, size_t size) {
  analyzer::AnalyzeOptions opts;
  opts.max_range_bytes = 1 << 16;
  opts.shadow_page_limit = 2048;
  auto r = analyzer::AnalyzeBuffer(data, size, "fuzz", opts);
  if (!r) return;
  std::ostringstream out;
  analyzer::RenderText(r.value(), {}, out);
  analyzer::RenderJson({r.value()}, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size >= sizeof trace::kMagic && std::memcmp(data, trace::kMagic, sizeof trace::kMagic) == 0) {
    Analyze(data, size);
  } else {
    std::vector<uint8_t> file = Wrap(data, size);
    Analyze(file.data(), file.size());
  }
  return 0;
}
