// Minimal test-side trace reader on top of trace/codec.h: loads a whole trace file,
// follows each stream's chunk chain and decodes every record. Only for tests; the analyzer
// has the real streaming reader.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "trace/codec.h"

namespace ccsp::rttest {

struct Trace {
  trace::FileHeader header{};
  std::map<uint32_t, std::vector<trace::Record>> tasks;  // by task id, in stream order
  std::map<uint64_t, std::string> strings;
  std::vector<trace::MetaRecord> meta;                   // non-string metadata records
  std::string error;                                     // empty when the file decoded cleanly
  uint64_t payload_bytes = 0;

  bool complete() const { return header.flags & trace::kFlagComplete; }
  std::vector<trace::Record> Syncs(uint32_t task, trace::SyncKind kind) const;
  // Access + Range records; a Run as the Access records it stands for.
  std::vector<trace::Record> Accesses(uint32_t task) const;
  std::vector<trace::Record> Runs(uint32_t task) const;  // Run records as written
  std::string Str(uint64_t id) const;
  std::vector<std::string> Args() const;
  std::string Option(const std::string& key) const;
};

Trace ReadTrace(const std::string& path);

}  // namespace ccsp::rttest
