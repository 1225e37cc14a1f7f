// FunctionFlow: builds the CFG once per body and indexes its statement elements, so a check
// can start a path search at the element of a given statement.
#include "cli/vet/checks/flow.h"

#include "clang/AST/ExprCXX.h"

namespace ccsp::vet {

using namespace clang;

std::unique_ptr<FunctionFlow> FunctionFlow::Build(const Decl* decl, const Stmt* body,
                                                  ASTContext& ctx) {
  if (!body) return nullptr;
  CFG::BuildOptions options;
  options.setAllAlwaysAdd();
  options.AddImplicitDtors = true;
  options.PruneTriviallyFalseEdges = true;
  std::unique_ptr<CFG> cfg =
      CFG::buildCFG(decl, const_cast<Stmt*>(body), &ctx, options);  // CFG wants non-const
  if (!cfg) return nullptr;
  auto flow = std::unique_ptr<FunctionFlow>(new FunctionFlow);
  for (const CFGBlock* block : *cfg) {
    for (unsigned i = 0; i < block->size(); ++i) {
      if (const Stmt* s = ElementStmt((*block)[i])) flow->points_[s] = {block, i};
    }
  }
  flow->cfg_ = std::move(cfg);
  return flow;
}

std::optional<CfgPoint> FunctionFlow::Find(const Stmt* s) const {
  auto it = points_.find(s);
  if (it == points_.end()) return std::nullopt;
  return it->second;
}

const Stmt* ElementStmt(const CFGElement& e) {
  if (auto s = e.getAs<CFGStmt>()) return s->getStmt();
  return nullptr;
}

bool EndsPath(const CFGElement& e) {
  const Stmt* s = ElementStmt(e);
  if (!s) return false;
  if (llvm::isa<CXXThrowExpr>(s)) return true;
  if (const auto* call = llvm::dyn_cast<CallExpr>(s)) {
    if (const FunctionDecl* fd = call->getDirectCallee()) return fd->isNoReturn();
  }
  return false;
}

}  // namespace ccsp::vet
