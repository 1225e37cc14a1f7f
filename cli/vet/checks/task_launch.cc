// Task-launch recognition. A launch's lifetime comes from where its result goes: a local
// std::thread / std::jthread / future variable owns it; a container owns what is emplaced into
// it; detach(), a return or a callee taking the thread let it run on; a discarded jthread or
// async future waits at the end of the full expression.
#include "cli/vet/checks/task_launch.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "cli/vet/checks/ast_util.h"
#include "llvm/ADT/StringSwitch.h"

namespace ccsp::vet {

using namespace clang;

namespace {

bool IsImplicitWrapper(const Stmt* s) {
  if (llvm::isa<ImplicitCastExpr>(s) || llvm::isa<MaterializeTemporaryExpr>(s) ||
      llvm::isa<CXXBindTemporaryExpr>(s) || llvm::isa<ExprWithCleanups>(s) ||
      llvm::isa<ParenExpr>(s) || llvm::isa<ConstantExpr>(s)) {
    return true;
  }
  if (const auto* fc = llvm::dyn_cast<CXXFunctionalCastExpr>(s)) {
    return fc->getCastKind() == CK_NoOp || fc->getCastKind() == CK_ConstructorConversion;
  }
  if (const auto* ce = llvm::dyn_cast<CXXConstructExpr>(s)) {
    return ce->getNumArgs() == 1 && ce->getConstructor()->isCopyOrMoveConstructor();
  }
  return false;
}

// The first parent of `e` that is not an implicit wrapper, and the child below it.
DynTypedNode PlacementParent(const Expr* e, ASTContext& ctx, const Stmt** child) {
  const Stmt* cur = e;
  for (int guard = 0; guard < 64; ++guard) {
    DynTypedNodeList parents = ctx.getParents(*cur);
    if (parents.empty()) break;
    const Stmt* p = parents[0].get<Stmt>();
    if (!p || !IsImplicitWrapper(p)) {
      *child = cur;
      return parents[0];
    }
    cur = p;
  }
  *child = cur;
  return DynTypedNode();
}

const VarDecl* LocalRoot(const Expr* e) {
  auto key = KeyOf(e);
  if (!key || !key->root) return nullptr;
  const auto* vd = llvm::dyn_cast<VarDecl>(key->root);
  if (!vd || !vd->hasLocalStorage()) return nullptr;
  // A container reached through a pointer or a field is not the variable's own lifetime.
  if (!key->path.empty()) return nullptr;
  return vd;
}

struct Placement {
  Lifetime lifetime;
  const VarDecl* owner = nullptr;
};

// Where the value of a launch expression (a thread, a future) ends up.
Placement PlaceOf(const Expr* e, ASTContext& ctx, bool discarded_runs_on) {
  const Stmt* child = nullptr;
  DynTypedNode parent = PlacementParent(e, ctx, &child);
  if (const auto* vd = parent.get<VarDecl>()) {
    return {Lifetime::kOwned, vd->hasLocalStorage() ? vd : nullptr};
  }
  const Stmt* p = parent.get<Stmt>();
  if (!p) return {Lifetime::kDetached};
  if (const auto* me = llvm::dyn_cast<MemberExpr>(p)) {
    const IdentifierInfo* id = me->getMemberDecl()->getIdentifier();
    if (id && id->getName() == "detach") return {Lifetime::kDetached};
    return {Lifetime::kBounded};  // join(), get(), wait(): over before the statement ends
  }
  if (const auto* op = llvm::dyn_cast<CXXOperatorCallExpr>(p)) {
    if (op->getOperator() == OO_Equal && op->getNumArgs() == 2 && op->getArg(1) == child) {
      const VarDecl* owner = LocalRoot(op->getArg(0));
      return {Lifetime::kOwned, owner};
    }
    return {Lifetime::kDetached};
  }
  if (const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(p)) {
    const Expr* object = ObjectOf(mc);
    if (object && Strip(object) != child) return {Lifetime::kOwned, LocalRoot(object)};
    return {Lifetime::kBounded};
  }
  if (llvm::isa<CallExpr>(p) || llvm::isa<CXXConstructExpr>(p) || llvm::isa<ReturnStmt>(p) ||
      llvm::isa<InitListExpr>(p) || llvm::isa<LambdaExpr>(p)) {
    return {Lifetime::kDetached};
  }
  return {discarded_runs_on ? Lifetime::kDetached : Lifetime::kBounded};
}

bool IsExecutorName(llvm::StringRef method) {
  return llvm::StringSwitch<bool>(method)
      .Cases("submit", "post", "execute", "enqueue", "schedule", "spawn", true)
      .Cases("push_task", "detach_task", "add_task", "run_async", true)
      .Default(false);
}

// Pools and executors by the name of their class; a callback runner named otherwise (a
// database's execute(txn_fn)) may well run the callable in place.
bool LooksLikeExecutor(const CXXRecordDecl* rd) {
  if (!rd || !rd->getIdentifier()) return false;
  std::string name = rd->getName().lower();
  for (const char* word :
       {"pool", "executor", "scheduler", "queue", "strand", "io_context", "loop", "runner"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  return false;
}

bool IsTaskHandle(QualType t) {
  return IsRecordIn(t, "std", "thread") || IsRecordIn(t, "std", "jthread");
}

// The element type of a container specialization (vector<std::thread>, deque<...>, list<...>).
QualType ElementType(QualType container) {
  const auto* spec =
      llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(RecordOf(container));
  if (!spec || spec->getTemplateArgs().size() == 0) return {};
  const TemplateArgument& arg = spec->getTemplateArgs()[0];
  if (arg.getKind() != TemplateArgument::Type) return {};
  return arg.getAsType();
}

bool IsAsioFunction(const FunctionDecl* fd) {
  std::string q = fd->getQualifiedNameAsString();
  return q == "asio::post" || q == "asio::dispatch" || q == "asio::defer" ||
         q == "boost::asio::post" || q == "boost::asio::dispatch" || q == "boost::asio::defer";
}

TaskLaunch NewLaunch(LaunchKind kind, const Expr* e, const Expr* callable) {
  TaskLaunch t;
  t.kind = kind;
  t.expr = e;
  t.callable = callable;
  return t;
}

}  // namespace

const LambdaExpr* LambdaOf(const Expr* callable) {
  const Expr* e = Strip(callable);
  if (!e) return nullptr;
  if (const auto* lambda = llvm::dyn_cast<LambdaExpr>(e)) return lambda;
  if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(e)) {
    const auto* vd = llvm::dyn_cast<VarDecl>(dre->getDecl());
    if (vd && vd->hasLocalStorage() && !vd->getType()->isReferenceType() && vd->hasInit()) {
      return llvm::dyn_cast<LambdaExpr>(Strip(vd->getInit()));
    }
  }
  return nullptr;
}

const FunctionDecl* FunctionOf(const Expr* callable) {
  const Expr* e = Strip(callable);
  if (const auto* uo = llvm::dyn_cast_or_null<UnaryOperator>(e)) {
    if (uo->getOpcode() == UO_AddrOf) e = Strip(uo->getSubExpr());
  }
  const auto* dre = llvm::dyn_cast_or_null<DeclRefExpr>(e);
  if (!dre) return nullptr;
  const auto* fd = llvm::dyn_cast<FunctionDecl>(dre->getDecl());
  if (!fd) return nullptr;
  const FunctionDecl* def = nullptr;
  return fd->hasBody(def) ? def : nullptr;
}

ast_matchers::StatementMatcher TaskLaunchMatcher() {
  using namespace ast_matchers;
  return expr(anyOf(callExpr(callee(functionDecl(
                        hasAnyName("::ccsp::go", "::std::async", "::pthread_create", "::asio::post",
                                   "::asio::dispatch", "::asio::defer", "::boost::asio::post",
                                   "::boost::asio::dispatch", "::boost::asio::defer")))),
                    cxxConstructExpr(hasDeclaration(
                        cxxConstructorDecl(ofClass(hasAnyName("::std::thread", "::std::jthread"))))),
                    cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(
                        "emplace_back", "emplace", "submit", "post", "execute", "enqueue",
                        "schedule", "spawn", "push_task", "detach_task", "add_task", "run_async"))))))
      .bind("launch");
}

std::optional<TaskLaunch> AsTaskLaunch(const Expr* e, ASTContext& ctx) {
  if (const auto* ce = llvm::dyn_cast<CXXConstructExpr>(e)) {
    const CXXConstructorDecl* ctor = ce->getConstructor();
    if (ce->getNumArgs() == 0 || ctor->isCopyOrMoveConstructor()) return std::nullopt;
    bool jthread = IsRecordIn(ce->getType(), "std", "jthread");
    if (!jthread && !IsRecordIn(ce->getType(), "std", "thread")) return std::nullopt;
    TaskLaunch t = NewLaunch(jthread ? LaunchKind::kJthread : LaunchKind::kThread, e, ce->getArg(0));
    for (unsigned i = 1; i < ce->getNumArgs(); ++i) t.args.push_back(ce->getArg(i));
    Placement place = PlaceOf(e, ctx, /*discarded_runs_on=*/false);
    t.lifetime = place.lifetime;
    t.owner = place.owner;
    t.owner_joins = jthread;
    return t;
  }
  if (const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl* method = mc->getMethodDecl();
    if (!method || !method->getIdentifier() || mc->getNumArgs() == 0) return std::nullopt;
    llvm::StringRef name = method->getName();
    const Expr* object = ObjectOf(mc);
    if (!object) return std::nullopt;
    QualType object_type = object->getType();
    if (const auto* ptr = object_type->getAs<PointerType>()) object_type = ptr->getPointeeType();
    if (name == "emplace_back" || name == "emplace") {
      QualType elem = ElementType(object_type);
      if (elem.isNull() || !IsTaskHandle(elem)) return std::nullopt;
      const Expr* callable = mc->getArg(0);
      if (!LambdaOf(callable) && !FunctionOf(callable)) return std::nullopt;
      TaskLaunch t = NewLaunch(LaunchKind::kContainer, e, callable);
      for (unsigned i = 1; i < mc->getNumArgs(); ++i) t.args.push_back(mc->getArg(i));
      t.lifetime = Lifetime::kOwned;
      t.owner = LocalRoot(object);
      t.owner_joins = IsRecordIn(elem, "std", "jthread");
      return t;
    }
    if (!IsExecutorName(name) || !LooksLikeExecutor(RecordOf(object_type))) return std::nullopt;
    for (unsigned i = 0; i < mc->getNumArgs(); ++i) {
      if (!LambdaOf(mc->getArg(i))) continue;
      TaskLaunch t = NewLaunch(LaunchKind::kExecutor, e, mc->getArg(i));
      t.lifetime = Lifetime::kDetached;  // a pool's future does not wait in its destructor
      return t;
    }
    return std::nullopt;
  }
  const auto* call = llvm::dyn_cast<CallExpr>(e);
  const FunctionDecl* fd = call ? call->getDirectCallee() : nullptr;
  if (!fd) return std::nullopt;
  if (IsFunctionIn(fd, "ccsp", "go") && call->getNumArgs() >= 1) {
    TaskLaunch t = NewLaunch(LaunchKind::kGo, e, call->getArg(0));
    for (unsigned i = 1; i < call->getNumArgs(); ++i) t.args.push_back(call->getArg(i));
    t.lifetime = Lifetime::kDetached;
    return t;
  }
  if (IsFunctionIn(fd, "std", "async") && call->getNumArgs() >= 1) {
    unsigned first = 0;
    if (const auto* et = Strip(call->getArg(0))->getType()->getAs<EnumType>()) {
      if (et->getDecl()->getName() == "launch") first = 1;
    }
    if (first >= call->getNumArgs()) return std::nullopt;
    TaskLaunch t = NewLaunch(LaunchKind::kAsync, e, call->getArg(first));
    for (unsigned i = first + 1; i < call->getNumArgs(); ++i) t.args.push_back(call->getArg(i));
    Placement place = PlaceOf(e, ctx, /*discarded_runs_on=*/false);
    t.lifetime = place.lifetime;
    t.owner = place.owner;
    t.owner_joins = true;  // the future of std::async waits in its destructor
    return t;
  }
  if (fd->getName() == "pthread_create" && fd->isExternC() && call->getNumArgs() == 4) {
    TaskLaunch t = NewLaunch(LaunchKind::kPthreadCreate, e, call->getArg(2));
    t.args.push_back(call->getArg(3));
    t.lifetime = Lifetime::kDetached;
    return t;
  }
  if (IsAsioFunction(fd) && call->getNumArgs() >= 1) {
    const Expr* last = call->getArg(call->getNumArgs() - 1);
    if (!LambdaOf(last)) return std::nullopt;
    TaskLaunch t = NewLaunch(LaunchKind::kExecutor, e, last);
    t.lifetime = Lifetime::kDetached;
    return t;
  }
  return std::nullopt;
}

bool ContainsWait(const Stmt* s) {
  bool found = false;
  auto visit = [&](const Stmt* n) {
    if (found) return;
    if (const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(n)) {
      const CXXMethodDecl* m = mc->getMethodDecl();
      if (!m || !m->getIdentifier()) return;
      llvm::StringRef name = m->getName();
      if (name == "join" || name == "wait" || name == "wait_for" || name == "wait_until" ||
          name == "recv" || name == "arrive_and_wait") {
        found = true;
      } else if (name == "get" && m->getParent()->getIdentifier() &&
                 m->getParent()->getName().contains("future")) {
        found = true;
      }
      return;
    }
    if (const auto* call = llvm::dyn_cast<CallExpr>(n)) {
      const FunctionDecl* fd = call->getDirectCallee();
      if (fd && fd->getIdentifier() &&
          (fd->getName() == "pthread_join" || IsFunctionIn(fd, "ccsp", "select"))) {
        found = true;
      }
      return;
    }
    if (const auto* range = llvm::dyn_cast<CXXForRangeStmt>(n)) {
      if (range->getRangeInit() && IsRecordIn(range->getRangeInit()->getType(), "ccsp", "chan")) {
        found = true;
      }
    }
  };
  visit(s);
  ForEachDescendant(s, visit, /*into_lambdas=*/false);
  return found;
}

}  // namespace ccsp::vet
