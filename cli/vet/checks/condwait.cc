// condwait: a condition-variable wait without a predicate, guarded by an `if` and in no loop:
// `if (!ready) cv.wait(lk);`. Wake-ups may be spurious (and another waiter may take what was
// signalled), so the condition must be tested again after every wait. A bare wait in a
// wrapper function (CondVar::Wait() { cv_.wait(lk); }) is left alone: its callers loop.
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "condwait", "a condition variable is waited on under an if, not in a loop",
    "Wait in a loop that tests the condition (while (!ready) cv.wait(lk);) or pass it as a "
    "predicate (cv.wait(lk, [&] { return ready; })): wake-ups can be spurious."};

class CondWait : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    using namespace ast_matchers;
    finder.addMatcher(
        cxxMemberCallExpr(argumentCountIs(1),
                          callee(cxxMethodDecl(hasName("wait"),
                                               ofClass(hasAnyName("::std::condition_variable",
                                                                  "::std::condition_variable_any")))))
            .bind("wait"),
        this);
    finder.addMatcher(callExpr(callee(functionDecl(hasName("::pthread_cond_wait")))).bind("wait"),
                      this);
  }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    const auto* wait = result.Nodes.getNodeAs<CallExpr>("wait");
    ASTContext& ctx = *result.Context;
    if (!wait || !ShouldCheck(ctx.getSourceManager(), wait->getBeginLoc())) return;
    // Up to the function: a loop clears it; an if whose branch holds the wait flags it.
    const Stmt* child = wait;
    const IfStmt* guard = nullptr;
    DynTypedNode node = DynTypedNode::create(*wait);
    for (int depth = 0; depth < 4096; ++depth) {
      DynTypedNodeList ps = ctx.getParents(node);
      if (ps.empty()) break;
      node = ps[0];
      if (node.get<FunctionDecl>() || node.get<LambdaExpr>() || node.get<BlockDecl>()) break;
      const Stmt* s = node.get<Stmt>();
      if (!s) break;
      if (llvm::isa<ForStmt>(s) || llvm::isa<WhileStmt>(s) || llvm::isa<DoStmt>(s) ||
          llvm::isa<CXXForRangeStmt>(s)) {
        return;
      }
      if (const auto* ifs = llvm::dyn_cast<IfStmt>(s)) {
        if (child == ifs->getThen() || child == ifs->getElse()) guard = guard ? guard : ifs;
      }
      // A goto back to a label before the wait is a loop too; be quiet about labels.
      if (llvm::isa<LabelStmt>(s)) return;
      child = s;
    }
    if (!guard) return;
    Report(ctx.getSourceManager(), wait->getBeginLoc(),
           "condition variable wait under the if at line " +
               std::to_string(LineOf(guard->getBeginLoc(), ctx)) +
               " and in no loop: wake-ups can be spurious; wait in a while loop or pass a "
               "predicate");
  }
};

}  // namespace

std::unique_ptr<Check> MakeCondWaitCheck(FindingSink& sink) {
  return std::make_unique<CondWait>(sink);
}

}  // namespace ccsp::vet
