// lostcancel: the cancel function of ccsp::with_cancel / with_timeout / with_deadline is
// discarded, never used, or not used on some path to a return (go vet's lostcancel). Any use
// counts: a call, a copy into a lambda or a container, a return. Paths ending in a throw, a
// call that does not return, or a return hidden in a library macro (ASSERT_*) are not leaks.
#include <set>

#include "clang/AST/ParentMapContext.h"
#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"
#include "cli/vet/checks/flow.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "lostcancel",
    "the cancel function of with_cancel/with_timeout/with_deadline is not called on every path",
    "Call cancel() on every path once the context is no longer needed (or hand it to whoever "
    "is); until then the parent context keeps the child, and its timer, alive."};

class LostCancel : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    using namespace ast_matchers;
    finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(
                                   "::ccsp::with_cancel", "::ccsp::with_timeout", "::ccsp::with_deadline"))))
                          .bind("call"),
                      this);
  }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    const auto* call = result.Nodes.getNodeAs<CallExpr>("call");
    ASTContext& ctx = *result.Context;
    if (!call || !ShouldCheck(ctx.getSourceManager(), call->getBeginLoc())) return;
    if (!seen_.insert(call).second) return;
    std::string fn = "ccsp::" + call->getDirectCallee()->getNameAsString();

    // Where the returned pair goes.
    const Stmt* child = call;
    DynTypedNode parent;
    for (int guard = 0; guard < 64; ++guard) {
      DynTypedNodeList ps = ctx.getParents(*child);
      if (ps.empty()) return;
      parent = ps[0];
      const Stmt* p = parent.get<Stmt>();
      if (p && (llvm::isa<ImplicitCastExpr>(p) || llvm::isa<MaterializeTemporaryExpr>(p) ||
                llvm::isa<CXXBindTemporaryExpr>(p) || llvm::isa<ExprWithCleanups>(p) ||
                llvm::isa<ParenExpr>(p) ||
                (llvm::isa<CXXConstructExpr>(p) &&
                 llvm::cast<CXXConstructExpr>(p)->getConstructor()->isCopyOrMoveConstructor()))) {
        child = p;
        continue;
      }
      break;
    }
    if (const auto* me = parent.get<MemberExpr>()) {
      if (me->getMemberDecl()->getName() == "first") {
        Report(ctx.getSourceManager(), call->getBeginLoc(),
               "the cancel function returned by " + fn +
                   " is discarded; keep it and call it when done, or the context leaks");
      }
      return;
    }
    if (const Stmt* p = parent.get<Stmt>(); p && llvm::isa<CompoundStmt>(p)) {
      Report(ctx.getSourceManager(), call->getBeginLoc(),
             "the result of " + fn + " is discarded; its cancel function is never called");
      return;
    }
    const auto* var = parent.get<VarDecl>();
    if (!var || !var->hasLocalStorage()) return;  // returned, passed on, stored elsewhere
    const ValueDecl* cancel = var;
    bool whole_pair = true;
    if (const auto* dd = llvm::dyn_cast<DecompositionDecl>(var)) {
      if (dd->bindings().size() != 2) return;
      cancel = dd->bindings()[1];
      whole_pair = false;
    }
    CheckUses(*var, cancel, whole_pair, fn, ctx);
  }
  void onEndOfTranslationUnit() override { seen_.clear(); }

 private:
  // Whether a reference to the pair is a use of its cancel function (anything but `.first`).
  static bool IsUse(const DeclRefExpr* ref, const ValueDecl* cancel, bool whole_pair,
                    ASTContext& ctx) {
    if (ref->getDecl() != cancel) return false;
    if (!whole_pair) return true;
    const Stmt* p = ExplicitParent(ref, ctx);
    if (const auto* me = llvm::dyn_cast_or_null<MemberExpr>(p)) {
      return me->getMemberDecl()->getName() != "first";
    }
    return true;
  }

  void CheckUses(const VarDecl& var, const ValueDecl* cancel, bool whole_pair,
                 const std::string& fn, ASTContext& ctx) {
    const SourceManager& sm = ctx.getSourceManager();
    const auto* decl_stmt = FindDeclStmt(var, ctx);
    if (!decl_stmt) return;
    std::optional<FunctionScope> scope = EnclosingFunction(decl_stmt, ctx);
    if (!scope) return;
    bool used = false;
    ForEachDescendant(
        scope->body,
        [&](const Stmt* s) {
          if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(s)) {
            if (IsUse(dre, cancel, whole_pair, ctx)) used = true;
          }
        },
        /*into_lambdas=*/true);
    std::string name = cancel->getNameAsString() + (whole_pair ? ".second" : "");
    SourceLocation where = whole_pair ? var.getLocation() : cancel->getLocation();
    if (!used) {
      Report(sm, where,
             "the cancel function '" + name + "' returned by " + fn +
                 " is never called; call it when done with the context, or the context leaks");
      return;
    }
    std::unique_ptr<FunctionFlow> flow = FunctionFlow::Build(scope->decl, scope->body, ctx);
    if (!flow) return;
    std::optional<CfgPoint> start = flow->Find(decl_stmt);
    if (!start) return;
    const Stmt* last_return = nullptr;
    SearchHit hit = flow->SearchFrom(
        *start,
        [&](const CFGElement& e) {
          const Stmt* s = ElementStmt(e);
          if (!s) return Visit::kContinue;
          if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(s)) {
            if (IsUse(dre, cancel, whole_pair, ctx)) return Visit::kStop;
          }
          if (llvm::isa<ReturnStmt>(s)) {
            // A library macro's hidden return (gtest's ASSERT_*) is a failure path.
            if (sm.isInSystemMacro(s->getBeginLoc())) return Visit::kStop;
            return Visit::kFound;
          }
          return Visit::kContinue;
        },
        /*exit_is_found=*/true);
    if (!hit.found) return;
    last_return = hit.stmt;
    std::string path = last_return ? "the return at line " +
                                         std::to_string(LineOf(last_return->getBeginLoc(), ctx))
                                   : "the end of the function";
    Report(sm, where,
           "the cancel function '" + name + "' returned by " + fn + " is not called on every path: " +
               path + " is reached without it; call it on every path, or the context leaks");
  }

  static const DeclStmt* FindDeclStmt(const VarDecl& var, ASTContext& ctx) {
    DynTypedNodeList ps = ctx.getParents(var);
    if (ps.empty()) return nullptr;
    return ps[0].get<DeclStmt>();
  }

  std::set<const CallExpr*> seen_;
};

}  // namespace

std::unique_ptr<Check> MakeLostCancelCheck(FindingSink& sink) {
  return std::make_unique<LostCancel>(sink);
}

}  // namespace ccsp::vet
