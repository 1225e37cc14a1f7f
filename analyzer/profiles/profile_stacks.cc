// Stack expansion for pprof (profile_stacks.h). The site table is untrusted input: inlined-at
// chains are cut at a fixed depth, unknown sites get a made-up name, stacks are capped.
#include "analyzer/profiles/profile_stacks.h"

#include <algorithm>
#include <string_view>

#include "analyzer/findings/frames.h"

namespace ccsp::analyzer {
namespace {

// Text reports hide ccsp::detail frames at the inner end (findings/frames.h); so do profiles.
bool IsRecorder(std::string_view function) {
  Frame f;
  f.function = std::string(function);
  return IsRecorderFrame(f);
}

profiles::Frame Named(std::string_view name) {
  profiles::Frame f;
  f.function = name;
  return f;
}

}  // namespace

std::string_view ProfileStacks::Keep(std::string s) {
  names_.push_back(std::move(s));
  return names_.back();
}

void ProfileStacks::AppendSite(uint32_t site, std::vector<Chain>* chains) {
  const Metadata& meta = engine_.meta();
  Chain chain;
  for (int depth = 0; site != 0 && depth < 32; ++depth) {
    const SiteInfo* s = meta.Site(site);
    if (!s) {
      chain.push_back(Named(Keep("site#" + std::to_string(site))));
      break;
    }
    profiles::Frame f;
    f.function = meta.String(s->fn);
    if (f.function.empty()) f.function = "?";
    f.file = meta.String(s->file);
    f.line = s->line;
    chain.push_back(f);
    site = s->inlined_at;
  }
  if (!chain.empty()) chains->push_back(std::move(chain));
}

// A frame known only by its function (its caller is not instrumented, or a sample's leaf): the
// function's own site gives its name, file and first line.
void ProfileStacks::AppendFunction(uint32_t fn_site, std::vector<Chain>* chains) {
  if (fn_site == 0) {
    chains->push_back(Chain{Named("(frames left out)")});
    return;
  }
  AppendSite(fn_site, chains);
}

const std::vector<profiles::LocationId>& ProfileStacks::Locations(StackId stack, SiteId site) {
  uint64_t key = uint64_t{Raw(stack)} << 32 | Raw(site);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  const StackTrie& trie = engine_.trie();
  std::vector<Chain> chains;
  if (site != SiteId::kUnknown)
    AppendSite(Raw(site), &chains);
  else if (stack != kEmptyStack)
    AppendFunction(trie.node(stack).fn, &chains);
  for (StackId s = stack; s != kEmptyStack && chains.size() < kMaxLocations; s = trie.node(s).parent) {
    const StackTrie::Node& n = trie.node(s);
    if (n.callsite != 0)
      AppendSite(n.callsite, &chains);
    else if (n.parent != kEmptyStack)
      AppendFunction(trie.node(n.parent).fn, &chains);
  }
  // Recording internals at the leaf: dropped line by line, never the whole stack.
  size_t drop_chains = 0;
  while (drop_chains + 1 < chains.size()) {
    Chain& c = chains[drop_chains];
    size_t inner = 0;
    while (inner < c.size() && IsRecorder(c[inner].function)) ++inner;
    if (inner < c.size()) {
      c.erase(c.begin(), c.begin() + static_cast<long>(inner));
      break;
    }
    ++drop_chains;
  }
  // An event with no instrumented frame (an allocation before main, libstdc++'s own): pprof
  // would show it nowhere; one named location keeps the totals visible.
  if (chains.empty()) chains.push_back(Chain{Named("(no instrumented frame)")});
  std::vector<profiles::LocationId> ids;
  for (size_t i = drop_chains; i < chains.size() && ids.size() < kMaxLocations; ++i)
    ids.push_back(out_.InternLocation(chains[i]));
  return cache_.emplace(key, std::move(ids)).first->second;
}

int64_t TraceEndNs(const Engine& engine) {
  uint64_t end = 0;
  for (size_t i = 0; i < engine.task_count(); ++i)
    end = std::max(end, engine.task(static_cast<TaskIndex>(i)).last_ts);
  return static_cast<int64_t>(end);
}

void DescribeTrace(const Engine& engine, profiles::PprofProfile& p, int64_t duration_ns) {
  const trace::FileHeader& h = engine.file().header();
  p.SetTime(static_cast<int64_t>(h.start_realtime_ns), duration_ns >= 0 ? duration_ns : TraceEndNs(engine));
  std::string program(h.program, strnlen(h.program, sizeof h.program));
  if (!program.empty()) p.SetMainBinary(program);
}

}  // namespace ccsp::analyzer
