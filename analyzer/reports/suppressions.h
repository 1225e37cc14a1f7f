// Suppressions in ThreadSanitizer's format: one `type:pattern` per line, `#` comments.
// Types: race (any frame, file or global name of a race), race_top (the top frame of either
// access), thread (a task's name or creation stack), called_from_lib (a frame's module),
// deadlock (all-asleep and later deadlock kinds), mutex / misuse (runtime-detected misuse).
// Patterns: substring match; `*` matches anything, `^` anchors the start, `$` the end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/findings/findings.h"
#include "analyzer/base/result.h"

namespace ccsp::analyzer {

struct Suppression {
  std::string type;
  std::string pattern;
  std::string text;  // the line as written, for messages ("race:foo")
  uint64_t hits = 0;
};

class Suppressions {
 public:
  static Result<Suppressions> LoadFile(const std::string& path);
  // `name` names the source in error messages.
  static Result<Suppressions> Parse(const std::string& text, const std::string& name);

  void Append(const Suppressions& other);
  // The first suppression matching f (and counts a hit), or nullptr.
  const Suppression* Match(const Finding& f);
  // Marks every matching finding suppressed.
  void Apply(std::vector<Finding>& findings);
  const std::vector<Suppression>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Suppression> entries_;
};

// TSan's template match: `*` any run of characters, leading `^`, trailing `$`.
bool TemplateMatch(const std::string& pattern, const std::string& str);

}  // namespace ccsp::analyzer
