// Chunk-chain linking (chunk_chain.h). Follows `next` from each stream's index-0 chunk;
// where a link is missing or bad, the chunk with the next index of the same stream is still
// the continuation. Staging twins (format.h) are recognised and skipped silently.
#include "trace/chunk_chain.h"

#include <cstring>
#include <map>
#include <unordered_map>

namespace ccsp::trace {

ChunkChains LinkChunkChains(const std::vector<ChunkEntry>& raw) {
  ChunkChains out;
  std::map<uint32_t, std::vector<size_t>> by_stream;  // ordered: tasks come out sorted
  std::unordered_map<uint64_t, size_t> by_offset;
  for (size_t i = 0; i < raw.size(); ++i) {
    by_stream[raw[i].stream].push_back(i);
    by_offset[raw[i].offset] = i;
  }
  for (auto& [stream, list] : by_stream) {
    auto staging_pair = [&](size_t a, size_t b) {
      return raw[a].next == raw[b].offset || raw[b].next == raw[a].offset;
    };
    std::map<uint32_t, size_t> by_index;
    size_t twins = 0;
    for (size_t i : list) {
      auto [it, fresh] = by_index.emplace(raw[i].index, i);
      if (fresh) continue;
      if (staging_pair(it->second, i)) {
        ++twins;
        continue;
      }
      out.notices.push_back(ChainNotice{ChainDamage::kDuplicateIndex, stream, raw[i].index,
                                        raw[it->second].offset, raw[i].offset, 0});
    }
    auto first = by_index.find(0);
    if (first == by_index.end()) {
      out.notices.push_back(ChainNotice{ChainDamage::kNoFirstChunk, stream, 0, 0, 0, list.size()});
      continue;
    }
    StreamChunks s;
    s.stream = stream;
    size_t cur = first->second;
    while (true) {
      const ChunkEntry& c = raw[cur];
      s.chunks.push_back(c);
      s.bytes += c.used;
      size_t next = SIZE_MAX;
      if (c.next != 0) {
        auto it = by_offset.find(c.next);
        bool same_stream = it != by_offset.end() && raw[it->second].stream == stream;
        if (same_stream && raw[it->second].index == c.index + 1)
          next = it->second;
        else if (!(same_stream && raw[it->second].index == c.index))  // else: a staging twin
          out.notices.push_back(ChainNotice{ChainDamage::kBadLink, stream, c.index, c.offset, c.next, 0});
      }
      if (next == SIZE_MAX) {
        auto it = by_index.find(c.index + 1);
        if (it != by_index.end()) next = it->second;
      }
      if (next == SIZE_MAX || s.chunks.size() > list.size()) break;
      cur = next;
    }
    if (s.chunks.size() + twins < list.size())
      out.notices.push_back(ChainNotice{ChainDamage::kGap, stream, s.chunks.back().index,
                                        s.chunks.back().offset, 0,
                                        list.size() - twins - s.chunks.size()});
    if (stream == kMetaStream) {
      out.meta = std::move(s);
      out.has_meta = true;
    } else {
      out.tasks.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<ChunkEntry> ChunkEntriesOf(const uint8_t* file, size_t size) {
  std::vector<ChunkEntry> out;
  if (size < sizeof(FileHeader)) return out;
  FileHeader h;
  std::memcpy(&h, file, sizeof h);
  for (uint64_t i = 0; i < h.chunks_allocated; ++i) {
    uint64_t off = ChunkOffset(i);
    if (off + sizeof(ChunkHeader) > size) break;
    ChunkHeader c;
    std::memcpy(&c, file + off, sizeof c);
    if (c.magic != kChunkMagic || c.used > kChunkPayload) continue;
    if (off + sizeof c + c.used > size) c.used = static_cast<uint32_t>(size - off - sizeof c);
    out.push_back(ChunkEntry{off, c.stream, c.index, c.used, c.next});
  }
  return out;
}

}  // namespace ccsp::trace
