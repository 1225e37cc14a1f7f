// Decoding of the metadata stream with trace/codec.h's DecodeMeta, chunk by chunk (records
// never straddle chunks, so each chunk is decoded from its own buffer).
#include "analyzer/reading/metadata.h"

#include <algorithm>

#include "trace/codec.h"

namespace ccsp::analyzer {

Metadata Metadata::Load(TraceFile& file, Diagnostics& diag) {
  Metadata m;
  std::vector<uint8_t> buf;
  for (const ChunkRef& c : file.meta().chunks) {
    buf.resize(c.used);
    uint64_t base = c.offset + sizeof(trace::ChunkHeader);
    size_t got = file.source().ReadAt(base, buf.data(), c.used);
    const uint8_t* p = buf.data();
    const uint8_t* end = p + got;
    bool bad = false;
    while (p < end) {
      if (*p == trace::kOpPad) {  // writers may pad; not a metadata record
        ++p;
        continue;
      }
      trace::MetaRecord r;
      const uint8_t* at = p;
      trace::DecodeStatus st = trace::DecodeMeta(&p, end, &r);
      if (st != trace::DecodeStatus::kOk) {
        diag.Warn(file.name() + ": corrupt metadata record at offset " +
                  std::to_string(base + static_cast<uint64_t>(at - buf.data())) +
                  "; the rest of the metadata is ignored");
        bad = true;
        break;
      }
      switch (r.op) {
        case trace::kMetaString:
          m.strings[r.f[0]] = std::string(reinterpret_cast<const char*>(r.bytes), r.f[1]);
          break;
        case trace::kMetaModule:
          m.modules.push_back(ModuleInfo{r.f[0], r.f[1], r.f[2], r.f[3]});
          break;
        case trace::kMetaSite:
          if (r.f[0] <= UINT32_MAX)
            m.sites[static_cast<uint32_t>(r.f[0])] =
                SiteInfo{r.f[1], r.f[2], static_cast<uint32_t>(r.f[3]),
                         static_cast<uint32_t>(r.f[4]), static_cast<uint32_t>(r.f[5])};
          break;
        case trace::kMetaGlobal:
          m.globals.push_back(GlobalInfo{r.f[0], r.f[1], r.f[2], r.f[3], static_cast<uint32_t>(r.f[4])});
          break;
        case trace::kMetaTaskName:
          m.task_names[static_cast<uint32_t>(r.f[0])] = r.f[1];
          break;
        case trace::kMetaArg:
          m.args[r.f[0]] = r.f[1];
          break;
        case trace::kMetaOption:
          m.options.emplace_back(r.f[0], r.f[1]);
          break;
        case trace::kMetaPanic:
          m.panics.push_back(PanicInfo{static_cast<uint32_t>(r.f[0]), r.f[1]});
          break;
        default:
          break;
      }
    }
    if (bad) break;
    if (got < c.used) break;
  }
  std::sort(m.globals.begin(), m.globals.end(),
            [](const GlobalInfo& a, const GlobalInfo& b) { return a.addr < b.addr; });
  return m;
}

const std::string& Metadata::String(uint64_t id) const {
  static const std::string empty;
  auto it = strings.find(id);
  return it == strings.end() ? empty : it->second;
}

const SiteInfo* Metadata::Site(uint32_t id) const {
  if (id == 0) return nullptr;
  auto it = sites.find(id);
  return it == sites.end() ? nullptr : &it->second;
}

const GlobalInfo* Metadata::GlobalAt(uint64_t addr) const {
  auto it = std::upper_bound(globals.begin(), globals.end(), addr,
                             [](uint64_t a, const GlobalInfo& g) { return a < g.addr; });
  // Globals may not nest, but a zero-size entry could shadow one: scan back a little.
  for (int i = 0; i < 4 && it != globals.begin(); ++i) {
    --it;
    if (addr >= it->addr && addr - it->addr < std::max<uint64_t>(it->size, 1)) return &*it;
  }
  return nullptr;
}

const ModuleInfo* Metadata::ModuleOfSite(uint32_t site) const {
  for (const ModuleInfo& mod : modules)
    if (site >= mod.site_base && site - mod.site_base < mod.site_count) return &mod;
  return nullptr;
}

std::string Metadata::TaskName(uint32_t task) const {
  auto it = task_names.find(task);
  return it == task_names.end() ? std::string() : String(it->second);
}

}  // namespace ccsp::analyzer
