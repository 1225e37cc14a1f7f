// Shared AST helpers (see ast_util.h). Parent lookups go through the ASTContext's parent map,
// which covers template instantiations and lambda bodies.
#include "cli/vet/checks/ast_util.h"

#include "clang/AST/DeclObjC.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace ccsp::vet {

using namespace clang;

bool IsInNamespace(const Decl* d, llvm::StringRef ns) {
  if (!d) return false;
  const DeclContext* dc = d->getDeclContext();
  while (dc && (dc->isInlineNamespace() || dc->isRecord())) dc = dc->getParent();
  const auto* nd = llvm::dyn_cast_or_null<NamespaceDecl>(dc);
  if (!nd || nd->getName() != ns) return false;
  const DeclContext* outer = nd->getParent();
  while (outer && outer->isInlineNamespace()) outer = outer->getParent();
  return outer && outer->isTranslationUnit();
}

const CXXRecordDecl* RecordOf(QualType t) {
  if (t.isNull()) return nullptr;
  t = t.getNonReferenceType().getCanonicalType();
  if (const auto* rd = t->getAsCXXRecordDecl()) return rd;
  return nullptr;
}

bool IsRecordIn(QualType t, llvm::StringRef ns, llvm::StringRef name) {
  const CXXRecordDecl* rd = RecordOf(t);
  if (!rd || !rd->getIdentifier() || rd->getName() != name) return false;
  // The class itself must sit in ns (not a nested class of some ns type).
  const DeclContext* dc = rd->getDeclContext();
  while (dc && dc->isInlineNamespace()) dc = dc->getParent();
  const auto* nd = llvm::dyn_cast_or_null<NamespaceDecl>(dc);
  return nd && IsInNamespace(rd, ns);
}

bool IsFunctionIn(const FunctionDecl* fd, llvm::StringRef ns, llvm::StringRef name) {
  if (!fd || !fd->getIdentifier() || fd->getName() != name) return false;
  return IsInNamespace(fd, ns);
}

const Expr* Strip(const Expr* e) {
  while (e) {
    const Expr* next = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* ce = llvm::dyn_cast<CXXConstructExpr>(next)) {
      if (ce->getNumArgs() == 1 && (ce->isElidable() || ce->getConstructor()->isCopyOrMoveConstructor() ||
                                    ce->getConstructor()->isConvertingConstructor(false)) &&
          llvm::isa<MaterializeTemporaryExpr>(ce->getArg(0))) {
        next = ce->getArg(0);
      }
    }
    if (const auto* fc = llvm::dyn_cast<CXXFunctionalCastExpr>(next)) {
      if (fc->getCastKind() == CK_NoOp) next = fc->getSubExpr();
    }
    if (next == e) return e;
    e = next;
  }
  return e;
}

std::string ObjectKey::Spelling() const {
  std::string out = root ? root->getNameAsString() : "this";
  // "*" followed by ".f" reads better as "->f".
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '*' && i + 1 < path.size() && path[i + 1] == '.') {
      out += "->";
      ++i;
    } else if (path[i] == '*') {
      out = "*" + out;
    } else {
      out += path[i];
    }
  }
  return out;
}

namespace {

std::optional<ObjectKey> KeyOfDepth(const Expr* e, int depth) {
  if (!e || depth > 8) return std::nullopt;
  e = Strip(e);
  if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(e)) {
    const ValueDecl* d = dre->getDecl();
    if (const auto* vd = llvm::dyn_cast<VarDecl>(d)) {
      if (vd->getType()->isReferenceType() && !llvm::isa<ParmVarDecl>(vd) && vd->hasInit() &&
          !vd->isInitCapture()) {
        if (auto k = KeyOfDepth(vd->getInit(), depth + 1)) return k;
      }
    }
    if (!llvm::isa<VarDecl>(d) && !llvm::isa<BindingDecl>(d)) return std::nullopt;
    return ObjectKey{d, ""};
  }
  if (llvm::isa<CXXThisExpr>(e)) return ObjectKey{nullptr, ""};  // the pointer `this`
  if (const auto* me = llvm::dyn_cast<MemberExpr>(e)) {
    const auto* field = llvm::dyn_cast<FieldDecl>(me->getMemberDecl());
    const auto* var = llvm::dyn_cast<VarDecl>(me->getMemberDecl());  // a static member
    if (var) return ObjectKey{var, ""};
    if (!field) return std::nullopt;
    auto base = KeyOfDepth(me->getBase(), depth + 1);
    if (!base) return std::nullopt;
    if (me->isArrow()) base->path += "*";
    base->path += "." + field->getNameAsString();
    return base;
  }
  if (const auto* uo = llvm::dyn_cast<UnaryOperator>(e)) {
    if (uo->getOpcode() == UO_Deref) {
      auto base = KeyOfDepth(uo->getSubExpr(), depth + 1);
      if (!base) return std::nullopt;
      // *&x is x.
      if (!base->path.empty() && base->path.back() == '&') {
        base->path.pop_back();
      } else {
        base->path += "*";
      }
      return base;
    }
    if (uo->getOpcode() == UO_AddrOf) {
      auto base = KeyOfDepth(uo->getSubExpr(), depth + 1);
      if (!base) return std::nullopt;
      if (!base->path.empty() && base->path.back() == '*') {
        base->path.pop_back();  // &*p is p
      } else {
        base->path += "&";
      }
      return base;
    }
  }
  if (const auto* op = llvm::dyn_cast<CXXOperatorCallExpr>(e)) {
    // *p on a smart pointer: the pointee, keyed like a raw pointer's.
    if (op->getOperator() == OO_Star && op->getNumArgs() == 1) {
      auto base = KeyOfDepth(op->getArg(0), depth + 1);
      if (base) base->path += "*";
      return base;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ObjectKey> KeyOf(const Expr* e) { return KeyOfDepth(e, 0); }

const Expr* ObjectOf(const CXXMemberCallExpr* call) {
  const auto* me = llvm::dyn_cast<MemberExpr>(call->getCallee()->IgnoreParens());
  if (!me) return nullptr;
  return me->getBase();
}

const Stmt* ParentStmt(const Stmt* s, ASTContext& ctx) {
  DynTypedNodeList parents = ctx.getParents(*s);
  if (parents.empty()) return nullptr;
  return parents[0].get<Stmt>();
}

const Stmt* ExplicitParent(const Stmt* s, ASTContext& ctx) {
  const Stmt* p = ParentStmt(s, ctx);
  while (p && (llvm::isa<ImplicitCastExpr>(p) || llvm::isa<MaterializeTemporaryExpr>(p) ||
               llvm::isa<CXXBindTemporaryExpr>(p) || llvm::isa<ExprWithCleanups>(p) ||
               llvm::isa<ParenExpr>(p) || llvm::isa<ConstantExpr>(p) ||
               (llvm::isa<CXXConstructExpr>(p) &&
                llvm::cast<CXXConstructExpr>(p)->getNumArgs() == 1 &&
                (llvm::cast<CXXConstructExpr>(p)->isElidable() ||
                 llvm::cast<CXXConstructExpr>(p)->getConstructor()->isCopyOrMoveConstructor())))) {
    p = ParentStmt(p, ctx);
  }
  return p;
}

std::optional<FunctionScope> EnclosingFunction(const Stmt* s, ASTContext& ctx) {
  DynTypedNode node = DynTypedNode::create(*s);
  for (int guard = 0; guard < 10000; ++guard) {
    DynTypedNodeList parents = ctx.getParents(node);
    if (parents.empty()) return std::nullopt;
    node = parents[0];
    if (const auto* lambda = node.get<LambdaExpr>()) {
      return FunctionScope{lambda->getCallOperator(), lambda->getBody()};
    }
    if (const auto* fd = node.get<FunctionDecl>()) {
      if (!fd->hasBody()) return std::nullopt;
      return FunctionScope{fd, fd->getBody()};
    }
    if (node.get<BlockDecl>() || node.get<ObjCMethodDecl>()) return std::nullopt;
  }
  return std::nullopt;
}

bool Mentions(const Stmt* root, const ValueDecl* d) {
  bool found = false;
  ForEachDescendant(
      root,
      [&](const Stmt* s) {
        if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(s)) {
          if (dre->getDecl() == d) found = true;
        }
      },
      /*into_lambdas=*/true);
  return found;
}

std::string SourceText(SourceRange range, const ASTContext& ctx) {
  if (range.isInvalid() || range.getBegin().isMacroID() || range.getEnd().isMacroID()) return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(range), ctx.getSourceManager(),
                              ctx.getLangOpts())
      .str();
}

unsigned LineOf(SourceLocation loc, const ASTContext& ctx) {
  const SourceManager& sm = ctx.getSourceManager();
  return sm.getExpansionLineNumber(loc);
}

}  // namespace ccsp::vet
