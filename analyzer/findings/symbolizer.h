// Turns site ids and interned stacks into source frames using only the trace's own site
// table (no symbolizer, ever). A printed stack: #0 is the event's site with its inlined-at
// chain expanded, then each frame's call site from innermost to outermost.
#pragma once

#include <cstdint>

#include "analyzer/findings/findings.h"
#include "analyzer/reading/metadata.h"
#include "analyzer/hb/stack_trie.h"

namespace ccsp::analyzer {

class Symbolizer {
 public:
  static constexpr size_t kMaxFrames = 128;

  explicit Symbolizer(const Metadata& meta) : meta_(meta) {}

  // Appends the frames of one site: the site, then the calls it was inlined into.
  void AppendSite(uint32_t site, Stack* out) const;
  // The full stack of an event at `site` (0 = unknown) with shadow stack `stack`.
  Stack Expand(const StackTrie& trie, StackId stack, SiteId site) const;
  // "fn file:line:col" for one site (dump output); "?" when unknown.
  std::string SiteString(uint32_t site) const;
  std::string FunctionOf(uint32_t site) const;

 private:
  const Metadata& meta_;
};

}  // namespace ccsp::analyzer
