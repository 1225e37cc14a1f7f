// joinable: a std::thread that can be destroyed while joinable, which calls std::terminate:
// a local started with a function and never mentioned again; or one left, without a mention
// on the way, by an early exit (return, break, continue, goto); or a temporary thread thrown
// away at once. Any mention counts as handling it (`if (t.joinable()) t.join()` is fine), and
// a path that merely skips a conditional join is not reported: branches may be correlated.
#include <set>

#include "clang/AST/ParentMapContext.h"
#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"
#include "cli/vet/checks/flow.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "joinable",
    "a std::thread can go out of scope while joinable, which calls std::terminate",
    "join() or detach() the thread on every path out of its scope (early returns, breaks), or "
    "use std::jthread, which joins in its destructor."};

// The place a scope-end destructor runs at, for the message.
SourceLocation ExitLoc(const std::optional<CFGElement>& e) {
  if (!e) return {};
  auto dtor = e->getAs<CFGAutomaticObjDtor>();
  if (!dtor) return {};
  const Stmt* trigger = dtor->getTriggerStmt();
  if (!trigger) return {};
  if (const auto* block = llvm::dyn_cast<CompoundStmt>(trigger)) return block->getRBracLoc();
  return trigger->getBeginLoc();
}

// A scope left early: by a return, break, continue or goto written in the code.
bool EarlyExit(const CFGAutomaticObjDtor& dtor, ASTContext& ctx) {
  const Stmt* trigger = dtor.getTriggerStmt();
  if (!trigger || !(llvm::isa<ReturnStmt>(trigger) || llvm::isa<BreakStmt>(trigger) ||
                    llvm::isa<ContinueStmt>(trigger) || llvm::isa<GotoStmt>(trigger))) {
    return false;
  }
  return !ctx.getSourceManager().isInSystemMacro(trigger->getBeginLoc());
}

class Joinable : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    using namespace ast_matchers;
    auto thread_ctor = cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
        ofClass(hasName("::std::thread")), unless(isCopyConstructor()), unless(isMoveConstructor()),
        unless(isDefaultConstructor()))));
    finder.addMatcher(varDecl(hasLocalStorage(), hasType(cxxRecordDecl(hasName("::std::thread"))),
                              hasInitializer(ignoringImplicit(thread_ctor)))
                          .bind("var"),
                      this);
    finder.addMatcher(thread_ctor.bind("temp"), this);
  }
  void onEndOfTranslationUnit() override { seen_.clear(); }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    ASTContext& ctx = *result.Context;
    if (const auto* var = result.Nodes.getNodeAs<VarDecl>("var")) {
      if (ShouldCheck(ctx.getSourceManager(), var->getLocation()) && seen_.insert(var).second) {
        CheckLocal(var, ctx);
      }
      return;
    }
    if (const auto* temp = result.Nodes.getNodeAs<CXXConstructExpr>("temp")) {
      if (ShouldCheck(ctx.getSourceManager(), temp->getBeginLoc())) CheckTemporary(temp, ctx);
    }
  }

 private:
  void CheckLocal(const VarDecl* var, ASTContext& ctx) {
    DynTypedNodeList ps = ctx.getParents(*var);
    const DeclStmt* decl_stmt = ps.empty() ? nullptr : ps[0].get<DeclStmt>();
    if (!decl_stmt) return;
    std::optional<FunctionScope> scope = EnclosingFunction(decl_stmt, ctx);
    if (!scope) return;
    std::unique_ptr<FunctionFlow> flow = FunctionFlow::Build(scope->decl, scope->body, ctx);
    if (!flow) return;
    std::optional<CfgPoint> start = flow->Find(decl_stmt);
    if (!start) return;
    SearchHit hit = flow->SearchFrom(
        *start,
        [&](const CFGElement& e) {
          if (const Stmt* s = ElementStmt(e)) {
            const auto* dre = llvm::dyn_cast<DeclRefExpr>(s);
            return dre && dre->getDecl() == var ? Visit::kStop : Visit::kContinue;
          }
          if (auto dtor = e.getAs<CFGAutomaticObjDtor>(); dtor && dtor->getVarDecl() == var) {
            return EarlyExit(*dtor, ctx) ? Visit::kFound : Visit::kStop;
          }
          return Visit::kContinue;
        },
        /*exit_is_found=*/false);
    bool mentioned = Mentions(scope->body, var);
    if (!hit.found && mentioned) return;
    if (!mentioned && !hit.found) {
      // Never mentioned: any scope end destroys it joinable (unless no path gets there).
      hit = flow->SearchFrom(
          *start,
          [&](const CFGElement& e) {
            auto dtor = e.getAs<CFGAutomaticObjDtor>();
            return dtor && dtor->getVarDecl() == var ? Visit::kFound : Visit::kContinue;
          },
          /*exit_is_found=*/false);
      if (!hit.found) return;
    }
    const SourceManager& sm = ctx.getSourceManager();
    SourceLocation exit = ExitLoc(hit.element);
    std::string where = exit.isValid() ? " at line " + std::to_string(LineOf(exit, ctx)) : "";
    std::vector<FixItHint> fixes;
    std::string fix;
    // Never mentioned at all: std::jthread joins where the thread would have terminated.
    if (!mentioned && ctx.getLangOpts().CPlusPlus20 && var->getTypeSourceInfo()) {
      SourceRange type = var->getTypeSourceInfo()->getTypeLoc().getSourceRange();
      if (SourceText(type, ctx) == "std::thread") {
        fixes.push_back(FixItHint::CreateReplacement(type, "std::jthread"));
        fix = "make '" + var->getNameAsString() + "' a std::jthread, which joins when destroyed";
      }
    }
    Report(sm, var->getLocation(),
           "std::thread '" + var->getNameAsString() + "' " +
               (mentioned ? "can leave its scope early" + where + " while joinable"
                          : "is never joined or detached") +
               " (std::terminate); join or detach it on every path",
           fixes, fix);
  }

  void CheckTemporary(const CXXConstructExpr* temp, ASTContext& ctx) {
    if (llvm::isa<CXXTemporaryObjectExpr>(temp) || llvm::isa<CXXConstructExpr>(temp)) {
      const Stmt* p = ExplicitParent(temp, ctx);
      bool discarded = p && llvm::isa<CompoundStmt>(p);
      if (const auto* cast = llvm::dyn_cast_or_null<CStyleCastExpr>(p)) {
        discarded = cast->getType()->isVoidType();
      }
      if (!discarded) return;
      Report(ctx.getSourceManager(), temp->getBeginLoc(),
             "a temporary std::thread is destroyed while joinable (std::terminate); detach() it "
             "or keep it and join it");
    }
  }

  std::set<const VarDecl*> seen_;
};

}  // namespace

std::unique_ptr<Check> MakeJoinableCheck(FindingSink& sink) {
  return std::make_unique<Joinable>(sink);
}

}  // namespace ccsp::vet
