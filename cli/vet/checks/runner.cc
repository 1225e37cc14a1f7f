// Runner: check selection (--checks) and the MatchFinder that drives every check, run only
// over the declarations of the files being checked.
#include "cli/vet/checks/runner.h"

#include <set>
#include <sstream>

#include "clang/AST/ASTConsumer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendAction.h"

namespace ccsp::vet {

bool SelectChecks(const std::string& spec, std::vector<std::string>* out, std::string* error) {
  std::set<std::string> known;
  for (const CheckInfo& c : AllChecks()) known.insert(c.name);
  std::vector<std::string> items;
  std::stringstream in(spec);
  for (std::string item; std::getline(in, item, ',');) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) items.push_back(item);
  }
  bool any_positive = false;
  for (const std::string& item : items) {
    std::string name = item[0] == '-' ? item.substr(1) : item;
    if (name.rfind("ccsp-vet-", 0) == 0) name = name.substr(9);
    if (name != "all" && name != "*" && !known.count(name)) {
      *error = "unknown check '" + name + "' in --checks (see --list-checks)";
      return false;
    }
    if (item[0] != '-') any_positive = true;
  }
  std::set<std::string> on;
  if (!any_positive) on = known;
  for (const std::string& item : items) {
    bool off = item[0] == '-';
    std::string name = off ? item.substr(1) : item;
    if (name.rfind("ccsp-vet-", 0) == 0) name = name.substr(9);
    if (name == "all" || name == "*") {
      if (off) {
        on.clear();
      } else {
        on = known;
      }
    } else if (off) {
      on.erase(name);
    } else {
      on.insert(name);
    }
  }
  out->clear();
  for (const CheckInfo& c : AllChecks()) {
    if (on.count(c.name)) out->push_back(c.name);
  }
  if (out->empty()) {
    *error = "--checks='" + spec + "' selects no check";
    return false;
  }
  return true;
}

Runner::Runner(const Options& options)
    : sink_(options.include_headers), finder_(std::make_unique<clang::ast_matchers::MatchFinder>()) {
  for (const std::string& name : options.checks) {
    if (std::unique_ptr<Check> c = MakeCheck(name, sink_)) {
      c->Register(*finder_);
      checks_.push_back(std::move(c));
    }
  }
}

Runner::~Runner() = default;

namespace {

// Matches only inside the declarations of the files being checked: the traversal (and the
// parent map) skip the headers' declarations, most of a translation unit's AST, and with a
// precompiled header they are not even loaded.
class ScopedMatchConsumer : public clang::ASTConsumer {
 public:
  ScopedMatchConsumer(clang::ast_matchers::MatchFinder& finder, bool include_headers)
      : finder_(finder), include_headers_(include_headers) {}

  void HandleTranslationUnit(clang::ASTContext& ctx) override {
    const clang::SourceManager& sm = ctx.getSourceManager();
    std::vector<clang::Decl*> scope;
    for (clang::Decl* d : ctx.getTranslationUnitDecl()->decls()) {
      clang::SourceLocation loc = sm.getExpansionLoc(d->getLocation());
      if (loc.isInvalid()) continue;
      if (sm.isInMainFile(loc) || (include_headers_ && !sm.isInSystemHeader(loc))) {
        scope.push_back(d);
      }
    }
    ctx.setTraversalScope(scope);
    finder_.matchAST(ctx);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
  bool include_headers_;
};

class VetAction : public clang::ASTFrontendAction {
 public:
  VetAction(clang::ast_matchers::MatchFinder& finder, bool include_headers)
      : finder_(finder), include_headers_(include_headers) {}
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&,
                                                        llvm::StringRef) override {
    return std::make_unique<ScopedMatchConsumer>(finder_, include_headers_);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
  bool include_headers_;
};

class VetActionFactory : public clang::tooling::FrontendActionFactory {
 public:
  VetActionFactory(clang::ast_matchers::MatchFinder& finder, bool include_headers)
      : finder_(finder), include_headers_(include_headers) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<VetAction>(finder_, include_headers_);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
  bool include_headers_;
};

}  // namespace

std::unique_ptr<clang::tooling::FrontendActionFactory> Runner::NewActionFactory() {
  return std::make_unique<VetActionFactory>(*finder_, sink_.include_headers());
}

}  // namespace ccsp::vet
