// The metadata stream, decoded in full before replay: interned strings, modules, the site
// table, instrumented globals, task names, program arguments, effective options and panic
// messages. Its size follows the program's code, not its run time.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/base/diagnostics.h"
#include "analyzer/reading/trace_file.h"

namespace ccsp::analyzer {

struct SiteInfo {
  uint64_t fn = 0, file = 0;  // string ids
  uint32_t line = 0, column = 0;
  uint32_t inlined_at = 0;  // global site id of the call this was inlined into; 0 = none
};

struct ModuleInfo {
  uint64_t id = 0;
  uint64_t path = 0;  // string id
  uint64_t site_base = 0, site_count = 0;
};

struct GlobalInfo {
  uint64_t addr = 0, size = 0;
  uint64_t name = 0, file = 0;  // string ids
  uint32_t line = 0;
};

struct PanicInfo {
  uint32_t task = 0;
  uint64_t message = 0;  // string id
};

class Metadata {
 public:
  // Reads the whole metadata stream; damage ends it with a warning.
  static Metadata Load(TraceFile& file, Diagnostics& diag);

  // The string with this id, or "" when the trace does not define it.
  const std::string& String(uint64_t id) const;
  const SiteInfo* Site(uint32_t id) const;
  const GlobalInfo* GlobalAt(uint64_t addr) const;  // the global whose range holds addr
  const ModuleInfo* ModuleOfSite(uint32_t site) const;
  std::string TaskName(uint32_t task) const;

  std::unordered_map<uint64_t, std::string> strings;
  std::vector<ModuleInfo> modules;
  std::unordered_map<uint32_t, SiteInfo> sites;
  std::vector<GlobalInfo> globals;  // sorted by addr
  std::map<uint32_t, uint64_t> task_names;
  std::map<uint64_t, uint64_t> args;  // index -> string id
  std::vector<std::pair<uint64_t, uint64_t>> options;
  std::vector<PanicInfo> panics;
};

}  // namespace ccsp::analyzer
