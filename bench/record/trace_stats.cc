// Counts what a trace holds (records by kind, payload bytes): the benchmark's measure of
// trace bytes per executed access. Built on trace/codec.h; prints one line:
//   file_bytes payload_bytes accesses range_records atomic_records sync_records run_records
// (accesses counts the elements of Run records, i.e. the accesses the records stand for)
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <vector>

#include "trace/chunk_chain.h"
#include "trace/codec.h"

using namespace ccsp::trace;

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: trace_stats TRACE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < kFileHeaderSize) {
    fprintf(stderr, "trace_stats: %s: not a trace\n", argv[1]);
    return 1;
  }
  ChunkChains chains = LinkChunkChains(ChunkEntriesOf(bytes.data(), bytes.size()));
  uint64_t payload = 0, access = 0, range = 0, atomic = 0, sync = 0, runs = 0;
  payload += chains.meta.bytes;
  for (const StreamChunks& s : chains.tasks) {
    StreamState ss;
    for (const ChunkEntry& c : s.chunks) {
      const uint8_t* p = bytes.data() + c.offset + sizeof(ChunkHeader);
      const uint8_t* end = p + c.used;
      payload += c.used;
      while (p < end) {
        Record r;
        if (DecodeRecord(&p, end, ss, &r) != DecodeStatus::kOk) break;
        if (IsAccessOp(r.op)) ++access;
        else if (IsRunOp(r.op)) access += r.count, ++runs;
        else if (r.op == kOpRange || r.op == kOpRange + 1) ++range;
        else if (r.op == kOpAtomic) ++atomic;
        else if (r.op == kOpSync) ++sync;
      }
    }
  }
  printf("%zu %llu %llu %llu %llu %llu %llu\n", bytes.size(), (unsigned long long)payload,
         (unsigned long long)access, (unsigned long long)range, (unsigned long long)atomic,
         (unsigned long long)sync, (unsigned long long)runs);
  return 0;
}
