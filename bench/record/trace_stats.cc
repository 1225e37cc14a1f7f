// Counts what a trace holds (records by kind, payload bytes): the benchmark's measure of
// trace bytes per executed access. Built on ccsp/trace_codec.h; prints one line:
//   file_bytes payload_bytes accesses range_records atomic_records sync_records run_records
// (accesses counts the elements of Run records, i.e. the accesses the records stand for)
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <vector>

#include "ccsp/trace_codec.h"

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
  FileHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  std::map<uint32_t, uint64_t> first;
  for (uint64_t i = 0; i < h.chunks_allocated && ChunkOffset(i + 1) <= bytes.size(); ++i) {
    auto* c = reinterpret_cast<const ChunkHeader*>(bytes.data() + ChunkOffset(i));
    if (c->index == 0) first[c->stream] = ChunkOffset(i);
  }
  uint64_t payload = 0, access = 0, range = 0, atomic = 0, sync = 0, runs = 0;
  for (auto [stream, off] : first) {
    StreamState ss;
    while (off) {
      auto* c = reinterpret_cast<const ChunkHeader*>(bytes.data() + off);
      const uint8_t* p = bytes.data() + off + sizeof(ChunkHeader);
      const uint8_t* end = p + c->used;
      payload += c->used;
      while (stream != kMetaStream && p < end) {
        Record r;
        if (DecodeRecord(&p, end, ss, &r) != DecodeStatus::kOk) break;
        if (IsAccessOp(r.op)) ++access;
        else if (IsRunOp(r.op)) access += r.count, ++runs;
        else if (r.op == kOpRange || r.op == kOpRange + 1) ++range;
        else if (r.op == kOpAtomic) ++atomic;
        else if (r.op == kOpSync) ++sync;
      }
      off = c->next;
    }
  }
  printf("%zu %llu %llu %llu %llu %llu %llu\n", bytes.size(), (unsigned long long)payload,
         (unsigned long long)access, (unsigned long long)range, (unsigned long long)atomic,
         (unsigned long long)sync, (unsigned long long)runs);
  return 0;
}
