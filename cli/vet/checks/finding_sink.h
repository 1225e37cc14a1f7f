// Collects the findings of every check over every translation unit: converts clang source
// locations to file/line/column, applies `// ccsp-vet:ignore` comments, and drops duplicates
// (a header seen from several files, a template instantiated twice, a file in two commands).
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli/vet/checks/check.h"

namespace ccsp::vet {

class FindingSink {
 public:
  explicit FindingSink(bool include_headers) : include_headers_(include_headers) {}

  bool include_headers() const { return include_headers_; }

  void Add(const clang::SourceManager& sm, clang::SourceLocation loc, const CheckInfo& check,
           std::string message, const std::vector<clang::FixItHint>& fixes,
           std::string fix_description);

  // All findings so far, sorted by file, line, column and check; the sink is left empty.
  std::vector<Finding> Take();

  size_t suppressed() const { return suppressed_; }

 private:
  bool include_headers_;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> seen_;
  std::vector<Finding> findings_;
  size_t suppressed_ = 0;
};

// Whether `line_text` (or, when it holds only a comment, the line before it) carries a
// `ccsp-vet:ignore` comment naming `check` (or naming no check at all). Exposed for tests.
bool IsSuppressed(const std::string& line_text, const std::string& previous_line,
                  const std::string& check);

}  // namespace ccsp::vet
