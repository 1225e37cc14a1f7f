// Recognizing the expressions that start a task: ccsp::go, std::thread / std::jthread
// constructions (also inside emplace_back on a container of them), std::async, pthread_create,
// and submit/post-style calls on pools and executors; and how long the started task may run.
#pragma once

#include <optional>
#include <vector>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace ccsp::vet {

enum class LaunchKind { kGo, kThread, kJthread, kAsync, kExecutor, kPthreadCreate, kContainer };

// How long the task may run, seen from the statement that starts it.
enum class Lifetime {
  kDetached,  // nothing there waits for it: ccsp::go, detach(), a thread handed to a callee
  kOwned,     // an object keeps it: `owner` (a local variable) or something non-local (owner null)
  kBounded,   // it is over (or the program terminates) when the full expression ends
};

struct TaskLaunch {
  LaunchKind kind = LaunchKind::kGo;
  const clang::Expr* expr = nullptr;      // the call or construction
  const clang::Expr* callable = nullptr;  // the task's function; null when not visible
  std::vector<const clang::Expr*> args;   // the arguments it is called with
  Lifetime lifetime = Lifetime::kDetached;
  const clang::VarDecl* owner = nullptr;  // kOwned: the local variable holding the task
  bool owner_joins = false;               // the owner's destructor waits for the task
};

std::optional<TaskLaunch> AsTaskLaunch(const clang::Expr* e, clang::ASTContext& ctx);

// Matches candidate launches (bound to "launch"); AsTaskLaunch decides.
clang::ast_matchers::StatementMatcher TaskLaunchMatcher();

// The lambda a callable denotes: written in place, or a local variable initialized with one.
const clang::LambdaExpr* LambdaOf(const clang::Expr* callable);
// The function a callable names (f or &f), when its body is visible.
const clang::FunctionDecl* FunctionOf(const clang::Expr* callable);

// Whether `s` contains a call that waits for other tasks (join, wait, get, recv, select,
// pthread_join, a range-for over a ccsp::chan), outside nested lambda bodies.
bool ContainsWait(const clang::Stmt* s);

}  // namespace ccsp::vet
