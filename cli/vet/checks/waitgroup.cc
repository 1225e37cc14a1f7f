// waitgroup: `wg.add(n)` called by the task that later calls `wg.done()` (Go 1.25's vet
// waitgroup check). The add must happen before the task starts: a wait() that runs first sees
// a zero counter and returns. Adds that count a nested task started before the done are fine.
#include <set>

#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"
#include "cli/vet/checks/task_launch.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "waitgroup", "wait_group::add is called inside the task it counts, instead of before it starts",
    "Call wg.add(1) before starting the task (before ccsp::go / std::thread), and only done() in "
    "it; otherwise wait() can return before the task has been counted."};

bool IsWaitGroup(QualType t) {
  if (const auto* ptr = t->getAs<PointerType>()) t = ptr->getPointeeType();
  const CXXRecordDecl* rd = RecordOf(t);
  if (!rd || !rd->getIdentifier()) return false;
  if (IsRecordIn(t, "ccsp", "wait_group")) return true;
  // A project's own Go-style class, by its name (add/done are checked by the caller).
  return rd->getName() == "WaitGroup" || rd->getName() == "wait_group";
}

// `x.add(...)` / `x.done()` (also Add/Done) on a wait group: the group's key and the method.
struct WgCall {
  ObjectKey key;
  bool is_add = false;
  bool is_done = false;
};

std::optional<WgCall> AsWgCall(const Stmt* s) {
  const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(s);
  if (!mc) return std::nullopt;
  const CXXMethodDecl* m = mc->getMethodDecl();
  if (!m || !m->getIdentifier() || !IsWaitGroup(mc->getObjectType())) return std::nullopt;
  llvm::StringRef name = m->getName();
  WgCall c;
  if (name == "add" || name == "Add") {
    c.is_add = true;
    // add(-1) is a done.
    if (mc->getNumArgs() == 1) {
      if (const auto* uo = llvm::dyn_cast<UnaryOperator>(Strip(mc->getArg(0)));
          uo && uo->getOpcode() == UO_Minus) {
        c.is_add = false;
        c.is_done = true;
      }
    }
  } else if (name == "done" || name == "Done") {
    c.is_done = true;
  } else {
    return std::nullopt;
  }
  const Expr* object = ObjectOf(mc);
  auto key = object ? KeyOf(object) : std::nullopt;
  if (!key) return std::nullopt;
  // wg->add() and (*wg).add() are the same object; p->f() keys as p*, as does (*p).f().
  if (mc->getCallee() && llvm::isa<MemberExpr>(mc->getCallee()->IgnoreParens()) &&
      llvm::cast<MemberExpr>(mc->getCallee()->IgnoreParens())->isArrow()) {
    key->path += "*";
  }
  c.key = *key;
  return c;
}

// Whether `s` starts a task (so that an add before it counts that task).
bool StartsTask(const Stmt* s, ASTContext& ctx) {
  bool found = false;
  auto visit = [&](const Stmt* n) {
    if (const auto* e = llvm::dyn_cast<Expr>(n); e && !found) {
      if (AsTaskLaunch(e, ctx)) found = true;
    }
  };
  visit(s);
  ForEachDescendant(s, visit, /*into_lambdas=*/false);
  return found;
}

class WaitGroupCheck : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    finder.addMatcher(TaskLaunchMatcher(), this);
  }
  void onEndOfTranslationUnit() override { seen_.clear(); }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    const auto* e = result.Nodes.getNodeAs<Expr>("launch");
    ASTContext& ctx = *result.Context;
    if (!e) return;
    std::optional<TaskLaunch> launch = AsTaskLaunch(e, ctx);
    if (!launch || !launch->callable) return;
    const Stmt* body = nullptr;
    if (const LambdaExpr* lambda = LambdaOf(launch->callable)) {
      body = lambda->getBody();
    } else if (const FunctionDecl* fd = FunctionOf(launch->callable)) {
      body = fd->getBody();
    }
    const auto* block = llvm::dyn_cast_or_null<CompoundStmt>(body);
    if (!block || !seen_.insert(block).second) return;
    CheckBody(block, ctx);
  }

 private:
  // The add must be a statement of the task's body itself (not inside a loop or branch of
  // it, where it may count work items), followed by a done on the same group with no task
  // started in between.
  void CheckBody(const CompoundStmt* block, ASTContext& ctx) {
    std::vector<const Stmt*> stmts(block->body_begin(), block->body_end());
    for (size_t i = 0; i < stmts.size(); ++i) {
      const Expr* expr = llvm::dyn_cast<Expr>(stmts[i]);
      std::optional<WgCall> add = expr ? AsWgCall(Strip(expr)) : std::nullopt;
      if (!add || !add->is_add) continue;
      bool nested_task = false;
      for (size_t j = i + 1; j < stmts.size() && !nested_task; ++j) {
        if (StartsTask(stmts[j], ctx)) {
          nested_task = true;
          break;
        }
        if (HasDone(stmts[j], add->key)) {
          const auto* call = llvm::cast<CXXMemberCallExpr>(Strip(expr));
          ObjectKey group = add->key;
          std::string dot = ".";
          if (!group.path.empty() && group.path.back() == '*') {
            group.path.pop_back();
            dot = "->";
          }
          Report(ctx.getSourceManager(), call->getExprLoc(),
                 "'" + group.Spelling() + dot +
                     "add' is called inside the task that calls done(); call it before "
                     "starting the task, or wait() may return first");
          break;
        }
      }
    }
  }

  static bool HasDone(const Stmt* s, const ObjectKey& key) {
    bool found = false;
    auto visit = [&](const Stmt* n) {
      if (auto c = AsWgCall(n); c && c->is_done && c->key == key) found = true;
    };
    visit(s);
    ForEachDescendant(s, visit, /*into_lambdas=*/true);
    return found;
  }

  std::set<const Stmt*> seen_;
};

}  // namespace

std::unique_ptr<Check> MakeWaitGroupCheck(FindingSink& sink) {
  return std::make_unique<WaitGroupCheck>(sink);
}

}  // namespace ccsp::vet
