// chanclose: a ccsp::chan closed by the receiving side (a function that does not own the
// channel, receives from it, never sends on it and hands it to no one), against the book's
// ownership rule; or closed twice: every path from one close reaches another close of the same
// channel with no reassignment in between (which panics). Close-only signal channels
// (chan<std::monostate>) and captured channels with no sender in sight are left alone.
#include <map>
#include <set>

#include "clang/AST/StmtCXX.h"
#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"
#include "cli/vet/checks/flow.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "chanclose", "a channel is closed by its receiver, or closed twice on a path",
    "Only the owner of a channel (the side that creates it and sends on it) closes it, once; a "
    "receiver that closes it makes the sender's next send panic."};

enum class ChanOp { kNone, kSend, kRecv, kClose, kQuery };

bool IsChan(QualType t) { return IsRecordIn(t, "ccsp", "chan"); }

// chan<std::monostate>: a done/quit signal, usually only ever closed.
bool IsSignal(QualType t) {
  const auto* spec = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(RecordOf(t));
  if (!spec || spec->getTemplateArgs().size() != 1) return false;
  const TemplateArgument& arg = spec->getTemplateArgs()[0];
  return arg.getKind() == TemplateArgument::Type && IsRecordIn(arg.getAsType(), "std", "monostate");
}

ChanOp OpOfMethod(llvm::StringRef name) {
  if (name == "send" || name == "try_send") return ChanOp::kSend;
  if (name == "recv" || name == "try_recv" || name == "begin") return ChanOp::kRecv;
  if (name == "close") return ChanOp::kClose;
  return ChanOp::kQuery;  // len, cap, is_nil, end, ...
}

// Every mention of a channel variable in a body, classified.
struct Uses {
  bool send = false;
  bool recv = false;
  bool escapes = false;  // passed to a function, assigned, copied somewhere we do not follow
};

class ChanClose : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    using namespace ast_matchers;
    finder.addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasName("close"), ofClass(hasName("::ccsp::chan")))))
            .bind("close"),
        this);
  }
  void onEndOfTranslationUnit() override {
    seen_.clear();
    double_seen_.clear();
    flows_.clear();
  }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    const auto* close = result.Nodes.getNodeAs<CXXMemberCallExpr>("close");
    ASTContext& ctx = *result.Context;
    if (!close || !ShouldCheck(ctx.getSourceManager(), close->getBeginLoc())) return;
    if (!seen_.insert(close).second) return;
    const Expr* object = ObjectOf(close);
    auto key = object ? KeyOf(object) : std::nullopt;
    if (!key || !key->root || !key->path.empty()) return;  // only plain variables
    std::optional<FunctionScope> scope = EnclosingFunction(close, ctx);
    if (!scope) return;
    CheckReceiverCloses(close, key->root, *scope, ctx);
    CheckDoubleClose(close, key->root, *scope, ctx);
  }

 private:
  // The op a mention of `ch` takes part in.
  static ChanOp Classify(const DeclRefExpr* ref, ASTContext& ctx, bool* escapes) {
    const Stmt* p = ExplicitParent(ref, ctx);
    if (const auto* me = llvm::dyn_cast_or_null<MemberExpr>(p)) {
      return OpOfMethod(me->getMemberDecl()->getName());
    }
    if (const auto* range = llvm::dyn_cast_or_null<CXXForRangeStmt>(p)) {
      (void)range;
      return ChanOp::kRecv;
    }
    // Inside a range-for the range variable is bound to the channel.
    if (const auto* vd = ParentVar(ref, ctx); vd && vd->isImplicit()) return ChanOp::kRecv;
    if (const auto* call = llvm::dyn_cast_or_null<CallExpr>(p)) {
      const FunctionDecl* fd = call->getDirectCallee();
      if (fd && IsFunctionIn(fd, "ccsp", "recv_case")) return ChanOp::kRecv;
      if (fd && IsFunctionIn(fd, "ccsp", "send_case")) return ChanOp::kSend;
    }
    if (const auto* ce = llvm::dyn_cast_or_null<CXXConstructExpr>(p)) {
      const CXXRecordDecl* rd = ce->getConstructor()->getParent();
      if (rd && rd->getIdentifier() && IsInNamespace(rd, "ccsp")) {
        if (rd->getName().starts_with("recv_case")) return ChanOp::kRecv;
        if (rd->getName().starts_with("send_case")) return ChanOp::kSend;
      }
    }
    *escapes = true;
    return ChanOp::kNone;
  }

  static const VarDecl* ParentVar(const Stmt* s, ASTContext& ctx) {
    const Stmt* cur = s;
    for (int guard = 0; guard < 16; ++guard) {
      DynTypedNodeList ps = ctx.getParents(*cur);
      if (ps.empty()) return nullptr;
      if (const auto* vd = ps[0].get<VarDecl>()) return vd;
      const Stmt* p = ps[0].get<Stmt>();
      if (!p || !(llvm::isa<ImplicitCastExpr>(p) || llvm::isa<MaterializeTemporaryExpr>(p) ||
                  llvm::isa<ParenExpr>(p))) {
        return nullptr;
      }
      cur = p;
    }
    return nullptr;
  }

  Uses Collect(const Stmt* body, const ValueDecl* ch, ASTContext& ctx) {
    Uses u;
    ForEachDescendant(
        body,
        [&](const Stmt* s) {
          const auto* dre = llvm::dyn_cast<DeclRefExpr>(s);
          if (!dre || dre->getDecl() != ch) return;
          switch (Classify(dre, ctx, &u.escapes)) {
            case ChanOp::kSend:
              u.send = true;
              break;
            case ChanOp::kRecv:
              u.recv = true;
              break;
            case ChanOp::kNone:
            case ChanOp::kClose:
            case ChanOp::kQuery:
              break;
          }
        },
        /*into_lambdas=*/true);
    return u;
  }

  void CheckReceiverCloses(const CXXMemberCallExpr* close, const ValueDecl* ch,
                           const FunctionScope& scope, ASTContext& ctx) {
    // Owned: a local channel made here. Not owned: a parameter, or a variable of an
    // enclosing function captured by this lambda.
    bool param = llvm::isa<ParmVarDecl>(ch) && ch->getDeclContext() == scope.decl;
    bool captured = !llvm::isa<ParmVarDecl>(ch) && ch->getDeclContext() != scope.decl &&
                    llvm::isa<VarDecl>(ch) && llvm::cast<VarDecl>(ch)->hasLocalStorage();
    if (!param && !captured) return;
    if (!IsChan(ch->getType()) || IsSignal(ch->getType())) return;
    Uses u = Collect(scope.body, ch, ctx);
    if (!u.recv || u.send || u.escapes) return;
    if (captured) {
      // The sender must be in sight: a send in the function that made the channel.
      const auto* owner = llvm::dyn_cast<FunctionDecl>(ch->getDeclContext());
      const Stmt* owner_body = owner ? owner->getBody() : nullptr;
      if (!owner_body || !Collect(owner_body, ch, ctx).send) return;
    }
    Report(ctx.getSourceManager(), close->getExprLoc(),
           "'" + ch->getNameAsString() +
               "' is closed by a function that only receives from it; the sending side "
               "should close it (a send after this close panics)");
  }

  void CheckDoubleClose(const CXXMemberCallExpr* close, const ValueDecl* ch,
                        const FunctionScope& scope, ASTContext& ctx) {
    auto& flow = flows_[scope.body];
    if (!flow) flow = FunctionFlow::Build(scope.decl, scope.body, ctx);
    if (!flow) return;
    std::optional<CfgPoint> start = flow->Find(close);
    if (!start) return;
    auto is_close = [&](const Stmt* s) {
      const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(s);
      if (!mc || mc->getMethodDecl() != close->getMethodDecl()) return false;
      const Expr* o = ObjectOf(mc);
      auto k = o ? KeyOf(o) : std::nullopt;
      return k && k->root == ch && k->path.empty();
    };
    // A mention other than a method call may reassign the channel: it ends the path.
    auto is_kill = [&](const Stmt* s) {
      const auto* dre = llvm::dyn_cast<DeclRefExpr>(s);
      if (!dre || dre->getDecl() != ch) return false;
      return !llvm::isa_and_nonnull<MemberExpr>(ExplicitParent(dre, ctx));
    };
    // Some path reaches a second close, and no path avoids one.
    SearchHit second = flow->SearchFrom(
        *start,
        [&](const CFGElement& e) {
          const Stmt* s = ElementStmt(e);
          if (!s) return Visit::kContinue;
          if (is_close(s)) return Visit::kFound;
          return is_kill(s) ? Visit::kStop : Visit::kContinue;
        },
        /*exit_is_found=*/false);
    if (!second.found) return;
    SearchHit escape = flow->SearchFrom(
        *start,
        [&](const CFGElement& e) {
          const Stmt* s = ElementStmt(e);
          if (!s) return Visit::kContinue;
          if (is_close(s)) return Visit::kStop;
          return is_kill(s) ? Visit::kFound : Visit::kContinue;
        },
        /*exit_is_found=*/true);
    if (escape.found) return;
    const auto* again = llvm::cast<CXXMemberCallExpr>(second.stmt);
    if (!double_seen_.insert(again).second) return;
    Report(ctx.getSourceManager(), again->getExprLoc(),
           "'" + ch->getNameAsString() + "' is closed again here after the close at line " +
               std::to_string(LineOf(close->getExprLoc(), ctx)) +
               " (close of a closed channel panics)");
  }

  std::set<const CXXMemberCallExpr*> seen_;
  std::set<const CXXMemberCallExpr*> double_seen_;
  std::map<const Stmt*, std::unique_ptr<FunctionFlow>> flows_;
};

}  // namespace

std::unique_ptr<Check> MakeChanCloseCheck(FindingSink& sink) {
  return std::make_unique<ChanClose>(sink);
}

}  // namespace ccsp::vet
