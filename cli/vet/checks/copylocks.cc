// copylocks: a lock copied by value (go vet's copylocks). std::mutex, ccsp::wait_group and
// the other C++ sync types cannot be copied, so this is about the C ones (pthread_mutex_t,
// pthread_cond_t, pthread_rwlock_t, pthread_barrier_t, sem_t, mtx_t, cnd_t) and the structs
// holding them, copied by a compiler-generated copy: an existing object (an lvalue) copied
// into a variable, a parameter, a capture or an assignment. A by-value parameter of such a type
// is reported at its declaration. Types with their own copy operations are trusted.
#include <map>

#include "clang/AST/ParentMapContext.h"
#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "copylocks", "a lock (pthread_mutex_t, sem_t, ... or a struct holding one) is copied by value",
    "Pass and store locks, and structs holding them, by pointer or reference: a copy is a "
    "different lock, and copying a lock that is held or has waiters breaks it."};

bool IsLockName(llvm::StringRef n) {
  return n == "pthread_mutex_t" || n == "pthread_cond_t" || n == "pthread_rwlock_t" ||
         n == "pthread_barrier_t" || n == "sem_t" || n == "mtx_t" || n == "cnd_t";
}

class LockFinder {
 public:
  // The path to the lock inside type t ("" when t is itself a lock), or nothing.
  std::optional<std::string> LockIn(QualType t) {
    t = t.getNonReferenceType();
    // The typedef name, even behind further sugar (glibc's lock types are anonymous unions).
    for (QualType cur = t; !cur.isNull();) {
      if (const auto* tt = cur->getAs<TypedefType>()) {
        if (IsLockName(tt->getDecl()->getName())) return std::string();
        QualType next = tt->desugar();
        if (next == cur) break;
        cur = next;
      } else {
        break;
      }
    }
    QualType canon = t.getCanonicalType();
    while (const auto* arr = llvm::dyn_cast<ConstantArrayType>(canon.getTypePtr())) {
      canon = arr->getElementType().getCanonicalType();
    }
    const auto* rt = canon->getAs<RecordType>();
    if (!rt) return std::nullopt;
    return LockInRecord(rt->getDecl());
  }

 private:
  std::optional<std::string> LockInRecord(const RecordDecl* rd) {
    if (!rd) return std::nullopt;
    rd = rd->getDefinition();
    if (!rd) return std::nullopt;
    if (auto it = memo_.find(rd); it != memo_.end()) return it->second;
    memo_[rd] = std::nullopt;  // cuts recursion through incomplete self-references
    std::optional<std::string> found;
    if (const TypedefNameDecl* td = rd->getTypedefNameForAnonDecl(); td && IsLockName(td->getName())) {
      found = std::string();
    } else if (rd->getIdentifier() && IsLockName(rd->getName())) {
      found = std::string();
    } else if (const auto* cxx = llvm::dyn_cast<CXXRecordDecl>(rd);
               cxx && (cxx->hasUserDeclaredCopyConstructor() ||
                       cxx->hasUserDeclaredCopyAssignment())) {
      found = std::nullopt;  // the class copies itself: trusted
    } else {
      if (const auto* cxx = llvm::dyn_cast<CXXRecordDecl>(rd)) {
        for (const CXXBaseSpecifier& base : cxx->bases()) {
          if (auto in = LockIn(base.getType())) {
            found = *in;
            break;
          }
        }
      }
      if (!found) {
        for (const FieldDecl* f : rd->fields()) {
          if (auto in = LockIn(f->getType())) {
            found = "." + f->getNameAsString() + *in;
            break;
          }
        }
      }
    }
    memo_[rd] = found;
    return found;
  }

  std::map<const RecordDecl*, std::optional<std::string>> memo_;
};

class CopyLocks : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    using namespace ast_matchers;
    finder.addMatcher(cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
                                           anyOf(isCopyConstructor(), isMoveConstructor()),
                                           unless(isUserProvided()))))
                          .bind("construct"),
                      this);
    finder.addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                          callee(cxxMethodDecl(anyOf(isCopyAssignmentOperator(),
                                                                     isMoveAssignmentOperator()),
                                                               unless(isUserProvided()))))
                          .bind("assign"),
                      this);
    finder.addMatcher(implicitCastExpr(hasCastKind(CK_LValueToRValue),
                                       hasType(hasCanonicalType(recordType())))
                          .bind("load"),
                      this);
    finder.addMatcher(parmVarDecl().bind("param"), this);
  }

  void onEndOfTranslationUnit() override { finder_ = LockFinder(); }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    ASTContext& ctx = *result.Context;
    const SourceManager& sm = ctx.getSourceManager();
    if (const auto* ce = result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
      if (ce->getNumArgs() >= 1 && ShouldCheck(sm, ce->getBeginLoc())) {
        CheckCopy(ce->getArg(0), ce->getType(), ce->getBeginLoc(), ctx);
      }
    } else if (const auto* op = result.Nodes.getNodeAs<CXXOperatorCallExpr>("assign")) {
      if (op->getNumArgs() == 2 && ShouldCheck(sm, op->getBeginLoc())) {
        CheckCopy(op->getArg(1), op->getArg(0)->getType(), op->getArg(1)->getBeginLoc(), ctx);
      }
    } else if (const auto* load = result.Nodes.getNodeAs<ImplicitCastExpr>("load")) {
      if (!ctx.getLangOpts().CPlusPlus && ShouldCheck(sm, load->getBeginLoc())) {
        CheckCopy(load->getSubExpr(), load->getType(), load->getBeginLoc(), ctx);
      }
    } else if (const auto* param = result.Nodes.getNodeAs<ParmVarDecl>("param")) {
      CheckParam(param, ctx);
    }
  }

 private:
  void CheckCopy(const Expr* source, QualType type, SourceLocation at, ASTContext& ctx) {
    if (InImplicitCode(source, ctx)) return;  // a generated copy constructor's own body
    const Expr* src = source->IgnoreParenImpCasts();
    // A temporary (an initializer or a function's result) is not an existing lock.
    if (!src->isGLValue() || llvm::isa<MaterializeTemporaryExpr>(src) ||
        llvm::isa<CompoundLiteralExpr>(src)) {
      return;
    }
    // A const static used as a pristine initial value (`m = kInitialMutex`).
    if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(src)) {
      if (const auto* vd = llvm::dyn_cast<VarDecl>(dre->getDecl())) {
        if (vd->getType().isConstQualified() && !vd->hasLocalStorage()) return;
        // `return local;` moves (or elides) rather than copies a lock still in use.
        if (vd->hasLocalStorage() && !vd->getType()->isReferenceType()) {
          if (IsReturned(source, ctx)) return;
        }
      }
    }
    std::optional<std::string> path = finder_.LockIn(type);
    if (!path) return;
    std::string what = TypeName(type, *path);
    Report(ctx.getSourceManager(), at,
           "this copies a lock: " + what +
               " is copied by value; use a pointer or reference to the original");
  }

  void CheckParam(const ParmVarDecl* param, ASTContext& ctx) {
    const auto* fd = llvm::dyn_cast_or_null<FunctionDecl>(param->getDeclContext());
    if (!fd || fd->isImplicit() || !ShouldCheck(ctx.getSourceManager(), param->getLocation()) ||
        param->getType()->isReferenceType() || param->getType()->isPointerType()) {
      return;
    }
    // Only where it is written: the first declaration, not template instantiations.
    if (fd->getTemplateInstantiationPattern() || fd->getPreviousDecl()) return;
    std::optional<std::string> path = finder_.LockIn(param->getType());
    if (!path) return;
    Report(ctx.getSourceManager(), param->getLocation(),
           "parameter '" + param->getNameAsString() + "' passes a lock by value: " +
               TypeName(param->getType(), *path) + "; take a pointer or reference");
  }

  static bool InImplicitCode(const Stmt* s, ASTContext& ctx) {
    DynTypedNode node = DynTypedNode::create(*s);
    for (int guard = 0; guard < 4096; ++guard) {
      DynTypedNodeList ps = ctx.getParents(node);
      if (ps.empty()) return false;
      node = ps[0];
      if (const auto* d = node.get<Decl>()) return d->isImplicit();
    }
    return false;
  }

  static bool IsReturned(const Expr* e, ASTContext& ctx) {
    const Stmt* cur = e;
    for (int guard = 0; guard < 8; ++guard) {
      const Stmt* p = ParentStmt(cur, ctx);
      if (!p) return false;
      if (llvm::isa<ReturnStmt>(p)) return true;
      if (!llvm::isa<ImplicitCastExpr>(p) && !llvm::isa<CXXConstructExpr>(p) &&
          !llvm::isa<ParenExpr>(p) && !llvm::isa<ExprWithCleanups>(p)) {
        return false;
      }
      cur = p;
    }
    return false;
  }

  static std::string TypeName(QualType type, const std::string& path) {
    std::string name = "'" + type.getUnqualifiedType().getAsString() + "'";
    if (!path.empty()) name += " (which holds a lock in '" + path.substr(1) + "')";
    return name;
  }

  LockFinder finder_;
};

}  // namespace

std::unique_ptr<Check> MakeCopyLocksCheck(FindingSink& sink) {
  return std::make_unique<CopyLocks>(sink);
}

}  // namespace ccsp::vet
