// Control flow for the path-sensitive checks: one Clang CFG per function or lambda body, with
// every subexpression as its own element (evaluation order) and scope-end destructor calls,
// and a depth-first search over the elements that follow a point. Exception edges are left
// out, and a path ends at a call that does not return or at a throw (go vet treats panics so).
#pragma once

#include <map>
#include <memory>
#include <optional>

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"

namespace ccsp::vet {

struct CfgPoint {
  const clang::CFGBlock* block = nullptr;
  unsigned index = 0;  // element index within block
};

enum class Visit { kContinue, kStop, kFound };

struct SearchHit {
  bool found = false;
  const clang::Stmt* stmt = nullptr;          // the element that was found, when a statement
  std::optional<clang::CFGElement> element;  // the element that was found (none at exit)
};

class FunctionFlow {
 public:
  // Nothing when Clang cannot build a CFG for the body.
  static std::unique_ptr<FunctionFlow> Build(const clang::Decl* decl, const clang::Stmt* body,
                                             clang::ASTContext& ctx);

  const clang::CFG& cfg() const { return *cfg_; }
  // The element for exactly this statement (the last one, if it occurs twice).
  std::optional<CfgPoint> Find(const clang::Stmt* s) const;

  // Searches the paths that start right after `from`. visit(element) is called for each
  // element reached; kStop ends that path, kFound ends the search. Reaching the function's
  // exit counts as found when exit_is_found. Each block is searched once.
  template <class F>
  SearchHit SearchFrom(CfgPoint from, F&& visit, bool exit_is_found) const;

 private:
  std::unique_ptr<clang::CFG> cfg_;
  std::map<const clang::Stmt*, CfgPoint> points_;
};

// Whether the element is a statement (returned) or nothing.
const clang::Stmt* ElementStmt(const clang::CFGElement& e);
// Whether the element ends the path: a call to a function that does not return, or a throw.
bool EndsPath(const clang::CFGElement& e);

template <class F>
SearchHit FunctionFlow::SearchFrom(CfgPoint from, F&& visit, bool exit_is_found) const {
  std::vector<char> seen(cfg_->getNumBlockIDs(), 0);
  struct Frame {
    const clang::CFGBlock* block;
    unsigned start;
  };
  std::vector<Frame> stack = {{from.block, from.index + 1}};
  const clang::CFGBlock* exit = &cfg_->getExit();
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    if (f.block == exit) {
      if (exit_is_found) return {true, nullptr, std::nullopt};
      continue;
    }
    bool stopped = false;
    for (unsigned i = f.start; i < f.block->size() && !stopped; ++i) {
      const clang::CFGElement e = (*f.block)[i];
      switch (visit(e)) {
        case Visit::kContinue:
          break;
        case Visit::kStop:
          stopped = true;
          break;
        case Visit::kFound:
          return {true, ElementStmt(e), e};
      }
      if (!stopped && EndsPath(e)) stopped = true;
    }
    if (stopped || f.block->hasNoReturnElement()) continue;
    for (const clang::CFGBlock::AdjacentBlock& succ : f.block->succs()) {
      const clang::CFGBlock* b = succ.getReachableBlock();
      if (!b || seen[b->getBlockID()]) continue;
      seen[b->getBlockID()] = 1;
      stack.push_back({b, 0});
    }
  }
  return {};
}

}  // namespace ccsp::vet
