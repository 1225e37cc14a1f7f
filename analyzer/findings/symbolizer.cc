// Site and stack expansion. Inlined-at chains come from untrusted metadata: they are cut at
// a fixed depth so a cycle cannot loop.
#include "analyzer/findings/symbolizer.h"

namespace ccsp::analyzer {

void Symbolizer::AppendSite(uint32_t site, Stack* out) const {
  for (int depth = 0; site != 0 && depth < 32 && out->size() < kMaxFrames; ++depth) {
    const SiteInfo* s = meta_.Site(site);
    if (!s) {
      out->push_back(Frame{"site#" + std::to_string(site), "", 0, 0, ""});
      return;
    }
    const ModuleInfo* mod = meta_.ModuleOfSite(site);
    out->push_back(Frame{meta_.String(s->fn), meta_.String(s->file), s->line, s->column,
                         mod ? meta_.String(mod->path) : std::string()});
    site = s->inlined_at;
  }
}

std::string Symbolizer::FunctionOf(uint32_t site) const {
  const SiteInfo* s = meta_.Site(site);
  return s ? meta_.String(s->fn) : std::string();
}

Stack Symbolizer::Expand(const StackTrie& trie, StackId stack, SiteId site) const {
  Stack out;
  if (site != SiteId::kUnknown)
    AppendSite(Raw(site), &out);
  else if (stack != kEmptyStack)
    out.push_back(Frame{FunctionOf(trie.node(stack).fn), "", 0, 0, ""});
  for (StackId s = stack; s != kEmptyStack && out.size() < kMaxFrames; s = trie.node(s).parent) {
    const StackTrie::Node& n = trie.node(s);
    if (n.callsite != 0)
      AppendSite(n.callsite, &out);
    else if (n.parent != kEmptyStack)
      out.push_back(Frame{FunctionOf(trie.node(n.parent).fn), "", 0, 0, ""});
  }
  return out;
}

std::string Symbolizer::SiteString(uint32_t site) const {
  const SiteInfo* s = meta_.Site(site);
  if (!s) return site ? "site#" + std::to_string(site) : "?";
  std::string r = meta_.String(s->fn);
  const std::string& file = meta_.String(s->file);
  if (!file.empty()) {
    r += " " + file + ":" + std::to_string(s->line);
    if (s->column) r += ":" + std::to_string(s->column);
  }
  return r;
}

}  // namespace ccsp::analyzer
