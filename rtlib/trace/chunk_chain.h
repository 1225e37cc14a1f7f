// The one walker of the chunk chains (format.h, "File layout"): given the chunk headers of a
// trace, in file order, it returns each stream's chunks in stream order and says what damage
// it stepped over. Every reader uses it: the analyzer, the dump, the runtime's test reader and
// the benchmarks' trace statistics. It reads no bytes itself and never fails: damage is data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trace/format.h"

namespace ccsp::trace {

// A chunk header as found in the file (already checked for magic and `used` <= payload).
struct ChunkEntry {
  uint64_t offset = 0;  // file offset of the chunk header
  uint32_t stream = 0, index = 0, used = 0;
  uint64_t next = 0;
};

// One stream's chunks in order: payload bytes [offset + sizeof(ChunkHeader), + used).
struct StreamChunks {
  uint32_t stream = 0;  // task id, or kMetaStream
  std::vector<ChunkEntry> chunks;
  uint64_t bytes = 0;  // sum of used
};

// What the walk stepped over. None of these stops it: a damaged stream is cut at the damage.
enum class ChainDamage : uint8_t {
  kDuplicateIndex,  // two unrelated chunks claim one index (`offset`, `other`); the first wins
  kNoFirstChunk,    // the stream has chunks but none with index 0 (`count` chunks ignored)
  kBadLink,         // `offset`'s next points at `other`, not at the stream's next chunk
  kGap,             // `count` chunks after a gap are ignored; the stream ends at `offset`
};

struct ChainNotice {
  ChainDamage damage;
  uint32_t stream = 0;
  uint32_t index = 0;
  uint64_t offset = 0, other = 0, count = 0;
};

struct ChunkChains {
  std::vector<StreamChunks> tasks;  // sorted by stream id
  StreamChunks meta;                // the metadata stream (no chunks when absent)
  bool has_meta = false;
  std::vector<ChainNotice> notices;
};

// Links the chunks into streams. A writer killed while copying its staging chunk out leaves
// two chunks with one index and the same bytes, one linking to the other: either is right,
// so that pair is no damage. A chunk not linked yet (the writer stopped between allocating
// and linking) is still followed by index.
ChunkChains LinkChunkChains(const std::vector<ChunkEntry>& chunks);

// The headers of an in-memory trace (tests, benchmarks): every chunk below chunks_allocated
// that lies in `size` and has the chunk magic and a plausible `used`.
std::vector<ChunkEntry> ChunkEntriesOf(const uint8_t* file, size_t size);

}  // namespace ccsp::trace
