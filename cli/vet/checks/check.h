// The shape of a ccsp-vet check: a named AST-matcher callback that reports plain Finding
// structs through a FindingSink. Checks never print; the front end renders findings (text or
// SARIF). Precision first: a check stays silent unless the bug is plain in the source.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Diagnostic.h"

namespace ccsp::vet {

// A proposed edit on the finding's file: replace [line:column, end_line:end_column) with text.
struct FixIt {
  unsigned line = 0;
  unsigned column = 0;
  unsigned end_line = 0;
  unsigned end_column = 0;
  std::string replacement;
};

struct Finding {
  std::string check;  // e.g. "loopclosure"
  std::string file;   // as the compiler saw it (absolute when the command used absolute paths)
  unsigned line = 0;
  unsigned column = 0;
  std::string message;
  std::string source_line;  // the text of `line`, for the caret display
  std::string fix_description;
  std::vector<FixIt> fixits;
};

struct CheckInfo {
  const char* name;     // the [ccsp-vet-NAME] suffix and the --checks name
  const char* summary;  // one line
  const char* help;     // how to fix, a sentence or two
};

class FindingSink;

class Check : public clang::ast_matchers::MatchFinder::MatchCallback {
 public:
  explicit Check(FindingSink& sink) : sink_(sink) {}
  virtual const CheckInfo& info() const = 0;
  virtual void Register(clang::ast_matchers::MatchFinder& finder) = 0;

 protected:
  // Reports at `loc` (its expansion location when inside a macro), unless suppressed by a
  // `// ccsp-vet:ignore NAME` comment or outside the files being checked.
  void Report(const clang::SourceManager& sm, clang::SourceLocation loc, std::string message,
              const std::vector<clang::FixItHint>& fixes = {}, std::string fix_description = {});
  // Whether code at `loc` is checked: the main file, or any non-system file with --headers.
  bool ShouldCheck(const clang::SourceManager& sm, clang::SourceLocation loc) const;

 private:
  FindingSink& sink_;
};

// Every check, in the order --list-checks prints them.
const std::vector<CheckInfo>& AllChecks();

// Makes the named check (a name from AllChecks()); nullptr for an unknown name.
std::unique_ptr<Check> MakeCheck(const std::string& name, FindingSink& sink);

}  // namespace ccsp::vet
