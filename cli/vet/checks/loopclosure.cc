// loopclosure: a task started inside a loop refers, by reference, to a variable of one
// iteration (the loop's own variable, or one declared in its body), and nothing in that
// iteration waits for the task. Like go vet's check of the last statement of a loop body.
#include <string>

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"
#include "cli/vet/checks/task_launch.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "loopclosure",
    "a task captures a loop variable by reference and can run after the iteration ends",
    "Capture the variable by value ([i] or [&, i]) or pass it as an argument, so each task "
    "gets its own copy; or wait for the task before the iteration ends."};

// The variable a capture or argument refers to, looking through structured bindings.
const VarDecl* Underlying(const ValueDecl* d) {
  if (const auto* b = llvm::dyn_cast_or_null<BindingDecl>(d)) {
    return llvm::dyn_cast_or_null<VarDecl>(b->getDecomposedDecl());
  }
  return llvm::dyn_cast_or_null<VarDecl>(d);
}

bool Contains(const SourceManager& sm, SourceRange range, SourceLocation loc) {
  if (range.isInvalid() || loc.isInvalid()) return false;
  SourceLocation b = sm.getExpansionLoc(range.getBegin());
  SourceLocation e = sm.getExpansionLoc(range.getEnd());
  SourceLocation l = sm.getExpansionLoc(loc);
  return sm.isPointWithin(l, b, e);
}

struct LoopScope {
  const Stmt* loop = nullptr;
  const Stmt* scope = nullptr;  // where the variable lives: the body, or its own block
  bool header = false;          // declared in the loop's header (for-init, range variable)
};

bool DeclaredIn(const Stmt* s, const VarDecl* v) {
  if (!s) return false;
  if (const auto* ds = llvm::dyn_cast<DeclStmt>(s)) {
    for (const Decl* d : ds->decls()) {
      if (d == v) return true;
    }
  }
  return false;
}

// The innermost loop around `from` (inside the same function) to whose iterations v
// belongs, and the scope in which v lives.
std::optional<LoopScope> IterationScope(const Stmt* from, const VarDecl* v, ASTContext& ctx) {
  const SourceManager& sm = ctx.getSourceManager();
  const Stmt* child = from;
  DynTypedNode node = DynTypedNode::create(*from);
  for (int guard = 0; guard < 4096; ++guard) {
    DynTypedNodeList parents = ctx.getParents(node);
    if (parents.empty()) return std::nullopt;
    node = parents[0];
    if (node.get<LambdaExpr>() || node.get<FunctionDecl>() || node.get<BlockDecl>()) {
      return std::nullopt;
    }
    const Stmt* s = node.get<Stmt>();
    if (!s) continue;
    const Stmt* body = nullptr;
    bool header = false;
    if (const auto* f = llvm::dyn_cast<ForStmt>(s)) {
      body = f->getBody();
      header = DeclaredIn(f->getInit(), v) || f->getConditionVariable() == v;
    } else if (const auto* w = llvm::dyn_cast<WhileStmt>(s)) {
      body = w->getBody();
      header = w->getConditionVariable() == v;
    } else if (const auto* d = llvm::dyn_cast<DoStmt>(s)) {
      body = d->getBody();
    } else if (const auto* r = llvm::dyn_cast<CXXForRangeStmt>(s)) {
      body = r->getBody();
      header = r->getLoopVariable() == v;
    }
    if (body && child == body) {
      if (header) return LoopScope{s, body, true};
      if (Contains(sm, body->getSourceRange(), v->getLocation())) {
        // v's own block: the innermost compound statement around its declaration.
        const Stmt* scope = body;
        DynTypedNode up = DynTypedNode::create(*v);
        for (int g = 0; g < 4096; ++g) {
          DynTypedNodeList ps = ctx.getParents(up);
          if (ps.empty()) break;
          up = ps[0];
          const Stmt* us = up.get<Stmt>();
          if (us && llvm::isa<CompoundStmt>(us)) {
            scope = us;
            break;
          }
          if (us == body) break;
        }
        return LoopScope{s, scope, false};
      }
    }
    child = s;
  }
  return std::nullopt;
}

// Whether a statement after `from`, up to the end of `scope`, waits for tasks.
bool WaitFollows(const Stmt* from, const Stmt* scope, ASTContext& ctx) {
  const Stmt* child = from;
  for (int guard = 0; guard < 4096 && child != scope; ++guard) {
    const Stmt* parent = ParentStmt(child, ctx);
    if (!parent) return false;
    if (const auto* block = llvm::dyn_cast<CompoundStmt>(parent)) {
      bool after = false;
      for (const Stmt* s : block->body()) {
        if (after && ContainsWait(s)) return true;
        if (s == child) after = true;
      }
    }
    child = parent;
  }
  return false;
}

// Whether a task owned by `owner` (a variable of the iteration) is let go inside `scope`:
// detached, or moved out (std::move). Passing it by reference (JoinAll(threads)) keeps it.
bool OwnerLetsGo(const VarDecl* owner, const Stmt* scope, ASTContext& ctx) {
  bool lets_go = false;
  ForEachDescendant(
      scope,
      [&](const Stmt* s) {
        const auto* dre = llvm::dyn_cast<DeclRefExpr>(s);
        if (!dre || dre->getDecl() != owner) return;
        const Stmt* p = ExplicitParent(dre, ctx);
        if (const auto* me = llvm::dyn_cast_or_null<MemberExpr>(p)) {
          const IdentifierInfo* id = me->getMemberDecl()->getIdentifier();
          if (id && id->getName() == "detach") lets_go = true;
          return;
        }
        if (const auto* call = llvm::dyn_cast_or_null<CallExpr>(p)) {
          const FunctionDecl* fd = call->getDirectCallee();
          if (fd && (IsFunctionIn(fd, "std", "move") || IsFunctionIn(fd, "std", "forward"))) {
            lets_go = true;
          }
        }
      },
      /*into_lambdas=*/false);
  return lets_go;
}

bool TaskOutlives(const TaskLaunch& t, const LoopScope& where, ASTContext& ctx) {
  switch (t.lifetime) {
    case Lifetime::kBounded:
      return false;
    case Lifetime::kDetached:
      return true;
    case Lifetime::kOwned:
      if (!t.owner) return true;
      if (!Contains(ctx.getSourceManager(), where.scope->getSourceRange(),
                    t.owner->getLocation())) {
        return true;  // the owner outlives the iteration
      }
      return OwnerLetsGo(t.owner, where.scope, ctx);
  }
  return false;
}

// Reads of v in the lambda body only: a by-value copy would then behave the same.
bool OnlyRead(const LambdaExpr* lambda, const ValueDecl* v, ASTContext& ctx) {
  bool only_read = true;
  ForEachDescendant(
      lambda->getBody(),
      [&](const Stmt* s) {
        const auto* dre = llvm::dyn_cast<DeclRefExpr>(s);
        if (!dre || dre->getDecl() != v) return;
        const auto* cast = llvm::dyn_cast_or_null<ImplicitCastExpr>(ParentStmt(dre, ctx));
        if (!cast || cast->getCastKind() != CK_LValueToRValue) only_read = false;
      },
      /*into_lambdas=*/true);
  return only_read;
}

class LoopClosure : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    finder.addMatcher(TaskLaunchMatcher(), this);
  }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    const auto* e = result.Nodes.getNodeAs<Expr>("launch");
    ASTContext& ctx = *result.Context;
    if (!e || !ShouldCheck(ctx.getSourceManager(), e->getBeginLoc())) return;
    std::optional<TaskLaunch> launch = AsTaskLaunch(e, ctx);
    if (!launch) return;
    if (const LambdaExpr* lambda = launch->callable ? LambdaOf(launch->callable) : nullptr) {
      CheckCaptures(*launch, lambda, ctx);
    }
    for (const Expr* arg : launch->args) CheckArgument(*launch, arg, ctx);
  }

 private:
  void CheckCaptures(const TaskLaunch& launch, const LambdaExpr* lambda, ASTContext& ctx) {
    for (const LambdaCapture& c : lambda->captures()) {
      if (!c.capturesVariable()) continue;
      const ValueDecl* captured = c.getCapturedVar();
      const ValueDecl* target = nullptr;
      bool init_capture = false;
      if (const auto* vd = llvm::dyn_cast<VarDecl>(captured); vd && vd->isInitCapture()) {
        init_capture = true;
        const Expr* init = vd->getInit() ? Strip(vd->getInit()) : nullptr;
        if (c.getCaptureKind() == LCK_ByRef) {
          if (const auto* dre = llvm::dyn_cast_or_null<DeclRefExpr>(init)) target = dre->getDecl();
        } else if (const auto* uo = llvm::dyn_cast_or_null<UnaryOperator>(init);
                   uo && uo->getOpcode() == UO_AddrOf) {
          if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(Strip(uo->getSubExpr()))) {
            target = dre->getDecl();
          }
        }
      } else if (c.getCaptureKind() == LCK_ByRef) {
        target = captured;
      }
      const VarDecl* v = Underlying(target);
      if (!v) continue;
      std::optional<LoopScope> where = Applies(launch, v, ctx);
      if (!where) continue;
      std::vector<FixItHint> fixes;
      if (!init_capture && v == target && v->getType()->isScalarType() &&
          OnlyRead(lambda, captured, ctx)) {
        fixes = ByValueFix(lambda, c, v, ctx);
      }
      Report(ctx.getSourceManager(), c.getLocation(),
             Describe(target, *where) + " is captured by reference by a task that can outlive " +
                 (where->header ? "the iteration" : "it") + "; capture it by value",
             fixes, fixes.empty() ? "" : "capture '" + v->getNameAsString() + "' by value");
    }
  }

  void CheckArgument(const TaskLaunch& launch, const Expr* arg, ASTContext& ctx) {
    const Expr* e = arg->IgnoreParenCasts();
    e = Strip(e);
    const DeclRefExpr* ref = nullptr;
    bool via_std_ref = false;
    if (const auto* call = llvm::dyn_cast<CallExpr>(e)) {
      const FunctionDecl* fd = call->getDirectCallee();
      if (fd && (IsFunctionIn(fd, "std", "ref") || IsFunctionIn(fd, "std", "cref")) &&
          call->getNumArgs() == 1) {
        ref = llvm::dyn_cast<DeclRefExpr>(Strip(call->getArg(0)));
        via_std_ref = true;
      }
    } else if (const auto* uo = llvm::dyn_cast<UnaryOperator>(e);
               uo && uo->getOpcode() == UO_AddrOf) {
      ref = llvm::dyn_cast<DeclRefExpr>(Strip(uo->getSubExpr()));
    }
    if (!ref) return;
    const VarDecl* v = Underlying(ref->getDecl());
    if (!v) return;
    std::optional<LoopScope> where = Applies(launch, v, ctx);
    if (!where) return;
    std::vector<FixItHint> fixes;
    std::string fix;
    if (via_std_ref && v == ref->getDecl()) {
      fixes.push_back(FixItHint::CreateReplacement(e->getSourceRange(), v->getNameAsString()));
      fix = "pass '" + v->getNameAsString() + "' by value";
    }
    Report(ctx.getSourceManager(), e->getBeginLoc(),
           std::string(via_std_ref ? "a reference to " : "the address of ") +
               Describe(ref->getDecl(), *where) +
               " is passed to a task that can outlive " +
               (where->header ? "the iteration" : "it"),
           fixes, fix);
  }

  // Whether v belongs to an iteration that the task can outlive.
  std::optional<LoopScope> Applies(const TaskLaunch& launch, const VarDecl* v, ASTContext& ctx) {
    if (!v->hasLocalStorage() || v->isStaticLocal() || llvm::isa<ParmVarDecl>(v) ||
        v->getType()->isReferenceType()) {
      return std::nullopt;
    }
    std::optional<LoopScope> where = IterationScope(launch.expr, v, ctx);
    if (!where || !TaskOutlives(launch, *where, ctx)) return std::nullopt;
    if (WaitFollows(launch.expr, where->scope, ctx)) return std::nullopt;
    return where;
  }

  // `named` is what the code wrote: the variable, or one of its structured bindings.
  static std::string Describe(const ValueDecl* named, const LoopScope& where) {
    std::string name = "'" + named->getNameAsString() + "'";
    return where.header ? "loop variable " + name : name + ", declared in the loop body,";
  }

  static std::vector<FixItHint> ByValueFix(const LambdaExpr* lambda, const LambdaCapture& c,
                                           const VarDecl* v, ASTContext& ctx) {
    const SourceManager& sm = ctx.getSourceManager();
    std::string name = v->getNameAsString();
    if (c.isImplicit()) {
      SourceLocation def = lambda->getCaptureDefaultLoc();
      if (def.isInvalid() || def.isMacroID()) return {};
      return {FixItHint::CreateInsertion(def.getLocWithOffset(1), ", " + name)};
    }
    // An explicit `&name`: remove the '&' (and blanks after it).
    SourceLocation loc = c.getLocation();
    if (loc.isMacroID()) return {};
    const char* at = sm.getCharacterData(loc);
    const char* amp = at;
    while (amp > at - 16 && amp[-1] == ' ') --amp;
    if (amp[-1] != '&') return {};
    SourceLocation begin = loc.getLocWithOffset(-(at - amp) - 1);
    return {FixItHint::CreateRemoval(CharSourceRange::getCharRange(begin, loc))};
  }
};

}  // namespace

std::unique_ptr<Check> MakeLoopClosureCheck(FindingSink& sink) {
  return std::make_unique<LoopClosure>(sink);
}

}  // namespace ccsp::vet
