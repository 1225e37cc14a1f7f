// Runs the selected checks over translation units: one MatchFinder holding every check, and
// a FrontendActionFactory for clang::tooling::ClangTool. Findings accumulate across files.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "clang/Tooling/Tooling.h"
#include "cli/vet/checks/check.h"
#include "cli/vet/checks/finding_sink.h"

namespace ccsp::vet {

struct Options {
  std::vector<std::string> checks;  // names from AllChecks()
  bool include_headers = false;     // also report in non-system headers
};

// Parses a --checks value: "a,b" enables only a and b, "-a" removes a from all, "all" or ""
// is every check. On error returns false and sets *error to one line.
bool SelectChecks(const std::string& spec, std::vector<std::string>* out, std::string* error);

class Runner {
 public:
  explicit Runner(const Options& options);
  ~Runner();

  std::unique_ptr<clang::tooling::FrontendActionFactory> NewActionFactory();
  std::vector<Finding> TakeFindings() { return sink_.Take(); }
  size_t suppressed() const { return sink_.suppressed(); }

 private:
  FindingSink sink_;
  std::vector<std::unique_ptr<Check>> checks_;
  std::unique_ptr<clang::ast_matchers::MatchFinder> finder_;
};

}  // namespace ccsp::vet
