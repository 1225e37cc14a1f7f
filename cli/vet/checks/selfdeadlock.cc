// selfdeadlock: locking a std::mutex (timed, shared; not recursive ones) that the function
// already holds on every path to that point, or calling a method of the same object that
// locks it first thing: a must-hold dataflow over the CFG, so correlated branches never warn.
// A lock stops being tracked at its unlock, at any use of it we do not model, and for members
// and globals at any call into code that might unlock it (unknown, or naming a lock).
#include <map>
#include <set>

#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "cli/vet/checks/ast_util.h"
#include "cli/vet/checks/check.h"
#include "cli/vet/checks/flow.h"

namespace ccsp::vet {

using namespace clang;

namespace {

const CheckInfo kInfo = {
    "selfdeadlock", "a std::mutex is locked again by a function that already holds it",
    "std::mutex is not recursive: unlock it first, move the work out of the locked region, or "
    "(rarely right) use std::recursive_mutex."};

bool IsMutex(QualType t) {
  if (const auto* p = t->getAs<PointerType>()) t = p->getPointeeType();
  for (const char* name : {"mutex", "timed_mutex", "shared_mutex", "shared_timed_mutex"}) {
    if (IsRecordIn(t, "std", name)) return true;
  }
  return false;
}
bool IsGuard(QualType t) {
  for (const char* name : {"lock_guard", "unique_lock", "scoped_lock", "shared_lock"}) {
    if (IsRecordIn(t, "std", name)) return true;
  }
  return false;
}
bool IsTag(QualType t, const char* name) { return IsRecordIn(t, "std", name); }
bool IsCondVar(QualType t) {
  return IsRecordIn(t, "std", "condition_variable") ||
         IsRecordIn(t, "std", "condition_variable_any");
}

enum class Action { kAcquire, kRelease, kForget, kNeutral };

struct Op {
  Action action = Action::kNeutral;
  std::vector<ObjectKey> keys;         // mutexes named directly
  const VarDecl* guard = nullptr;      // or through this guard variable
  const VarDecl* defines = nullptr;    // a guard variable constructed here
};

bool Related(const ObjectKey& a, const ObjectKey& b) {
  if (a.root != b.root) return false;
  const std::string& s = a.path.size() < b.path.size() ? a.path : b.path;
  const std::string& l = a.path.size() < b.path.size() ? b.path : a.path;
  return l.compare(0, s.size(), s) == 0;
}

// Held locks and where each was taken.
using Held = std::map<ObjectKey, SourceLocation>;

// A lock of a mutex already held: at `at`, directly or inside `callee` (at callee_lock).
struct Relock {
  const Stmt* at = nullptr;
  ObjectKey key;
  SourceLocation taken;
  const FunctionDecl* callee = nullptr;
  SourceLocation callee_lock;
};

// The members of *this that a method locks on every path from its entry: the locks among
// its leading declarations and expression statements. A branch, a loop, or any other use of
// a lock (an unlock first: the callee expects the lock held) ends the scan.
// Keys are relative to the object: ".mu" for this->mu.
std::vector<std::pair<std::string, SourceLocation>> EntryLocks(const CXXMethodDecl* m) {
  std::vector<std::pair<std::string, SourceLocation>> out;
  const FunctionDecl* def = nullptr;
  if (!m || !m->hasBody(def)) return out;
  const auto* body = llvm::dyn_cast_or_null<CompoundStmt>(def->getBody());
  if (!body) return out;
  auto add = [&](const Expr* mutex, SourceLocation at) {
    auto key = KeyOf(mutex);
    if (key && !key->root && key->path.rfind("*.", 0) == 0) out.push_back({key->path.substr(1), at});
  };
  auto names_a_lock = [](const Stmt* s) {
    bool found = false;
    auto visit = [&](const Stmt* n) {
      const auto* e = llvm::dyn_cast<Expr>(n);
      if (e && !e->getType().isNull() &&
          (IsMutex(e->getType()) || IsGuard(e->getType()) || IsCondVar(e->getType()))) {
        found = true;
      }
    };
    visit(s);
    ForEachDescendant(s, visit, /*into_lambdas=*/true);
    return found;
  };
  for (const Stmt* s : body->body()) {
    if (const auto* ds = llvm::dyn_cast<DeclStmt>(s); ds && ds->isSingleDecl()) {
      const auto* vd = llvm::dyn_cast<VarDecl>(ds->getSingleDecl());
      const auto* ce = vd && vd->getInit()
                           ? llvm::dyn_cast<CXXConstructExpr>(vd->getInit()->IgnoreImplicit())
                           : nullptr;
      if (ce && IsGuard(ce->getType()) && !ce->getConstructor()->isCopyOrMoveConstructor()) {
        for (const Expr* arg : ce->arguments()) {
          if (!IsMutex(arg->getType())) return out;  // a tag: defer, adopt, try
        }
        for (const Expr* arg : ce->arguments()) add(arg, ce->getBeginLoc());
        continue;
      }
    }
    if (const auto* e = llvm::dyn_cast<Expr>(s)) {
      if (const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(Strip(e))) {
        const CXXMethodDecl* lock = mc->getMethodDecl();
        const Expr* object = ObjectOf(mc);
        if (lock && lock->getIdentifier() && object && IsMutex(object->getType()) &&
            (lock->getName() == "lock" || lock->getName() == "lock_shared")) {
          add(object, mc->getBeginLoc());
          continue;
        }
      }
    }
    if (!(llvm::isa<DeclStmt>(s) || llvm::isa<Expr>(s)) || names_a_lock(s)) break;
  }
  return out;
}

class FunctionLocks {
 public:
  FunctionLocks(const FunctionScope& scope, ASTContext& ctx,
                std::map<const FunctionDecl*, bool>* lock_free)
      : scope_(scope), ctx_(ctx), lock_free_(lock_free) {}

  // Finds the lock operations; false when there are none worth a CFG.
  bool Scan() {
    ForEachDescendant(
        scope_.body, [&](const Stmt* s) { Classify(s); }, /*into_lambdas=*/false);
    bool any_acquire = false;
    for (const auto& [s, op] : ops_) any_acquire |= op.action == Action::kAcquire;
    if (!any_acquire) return false;
    // Locals whose every mention is a modelled operation: calls cannot reach them.
    ForEachDescendant(
        scope_.body,
        [&](const Stmt* s) {
          auto key = MentionKey(s, /*method_bases=*/true);
          if (key && key->root && !consumed_.count(s)) exposed_.insert(key->root);
        },
        /*into_lambdas=*/true);
    return true;
  }

  template <class ReportFn>
  void Run(ReportFn&& report) {
    std::unique_ptr<FunctionFlow> flow = FunctionFlow::Build(scope_.decl, scope_.body, ctx_);
    if (!flow) return;
    const CFG& cfg = flow->cfg();
    std::vector<std::optional<Held>> in(cfg.getNumBlockIDs());
    in[cfg.getEntry().getBlockID()] = Held{};
    std::vector<const CFGBlock*> work = {&cfg.getEntry()};
    auto noop = [](const Relock&) {};
    for (int rounds = 0; !work.empty() && rounds < 100000; ++rounds) {
      const CFGBlock* b = work.back();
      work.pop_back();
      Held out = *in[b->getBlockID()];
      if (!Transfer(*b, out, noop)) continue;  // the block does not return
      for (const CFGBlock::AdjacentBlock& succ : b->succs()) {
        const CFGBlock* s = succ.getReachableBlock();
        if (!s) continue;
        std::optional<Held>& dst = in[s->getBlockID()];
        if (!dst) {
          dst = out;
          work.push_back(s);
          continue;
        }
        bool changed = false;
        for (auto it = dst->begin(); it != dst->end();) {
          if (!out.count(it->first)) {
            it = dst->erase(it);
            changed = true;
          } else {
            ++it;
          }
        }
        if (changed) work.push_back(s);
      }
    }
    for (const CFGBlock* b : cfg) {
      if (!in[b->getBlockID()]) continue;
      Held state = *in[b->getBlockID()];
      Transfer(*b, state, report);
    }
  }

 private:
  // Key of an expression naming a mutex (through a pointer: the pointee).
  std::optional<ObjectKey> MutexKey(const Expr* e) {
    auto key = KeyOf(e);
    if (key && Strip(e)->getType()->isPointerType()) key->path += "*";
    return key;
  }

  void Consume(const Stmt* s) {
    consumed_.insert(s);
    ForEachDescendant(s, [&](const Stmt* c) { consumed_.insert(c); }, false);
  }

  void Classify(const Stmt* s) {
    if (const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(s)) {
      const CXXMethodDecl* m = mc->getMethodDecl();
      const Expr* object = ObjectOf(mc);
      if (!m || !m->getIdentifier() || !object) return;
      llvm::StringRef name = m->getName();
      if (IsMutex(object->getType())) {
        Op op;
        if (name == "lock" || name == "lock_shared") {
          op.action = Action::kAcquire;
        } else if (name == "unlock" || name == "unlock_shared") {
          op.action = Action::kRelease;
        } else {
          op.action = Action::kForget;  // try_lock*: held or not, we no longer know
        }
        if (auto key = MutexKey(object)) op.keys.push_back(*key);
        Consume(object);
        ops_[s] = op;
        return;
      }
      if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(Strip(object));
          dre && IsGuard(object->getType())) {
        Op op;
        op.guard = llvm::dyn_cast<VarDecl>(dre->getDecl());
        if (name == "lock") {
          op.action = Action::kAcquire;
        } else if (name == "unlock") {
          op.action = Action::kRelease;
        } else if (name == "owns_lock" || name == "mutex" || name.starts_with("operator")) {
          op.action = Action::kNeutral;
        } else {
          op.action = Action::kForget;
        }
        Consume(object);
        ops_[s] = op;
        return;
      }
      if (IsCondVar(object->getType())) {
        for (const Expr* arg : mc->arguments()) {
          if (const auto* dre = llvm::dyn_cast<DeclRefExpr>(Strip(arg));
              dre && IsGuard(arg->getType())) {
            Consume(arg);
          }
        }
        ops_[s] = Op{};
      }
      return;
    }
    if (const auto* ce = llvm::dyn_cast<CXXConstructExpr>(s); ce && IsGuard(ce->getType())) {
      if (ce->getConstructor()->isCopyOrMoveConstructor() || ce->getNumArgs() == 0) return;
      Op op;
      op.action = Action::kAcquire;
      for (const Expr* arg : ce->arguments()) {
        QualType t = arg->getType();
        if (IsTag(t, "defer_lock_t") || IsTag(t, "adopt_lock_t")) {
          op.action = Action::kNeutral;
        } else if (IsTag(t, "try_to_lock_t")) {
          op.action = Action::kForget;
        } else if (IsMutex(t)) {
          if (auto key = MutexKey(arg)) op.keys.push_back(*key);
          Consume(arg);
        } else {
          op.action = Action::kForget;  // a duration or time point: try_lock_for/until
        }
      }
      DynTypedNodeList ps = ctx_.getParents(*ce);
      if (!ps.empty()) op.defines = ps[0].get<VarDecl>();
      if (op.defines) guards_[op.defines] = op.keys;
      ops_[s] = op;
      return;
    }
    if (const auto* call = llvm::dyn_cast<CallExpr>(s)) {
      const FunctionDecl* fd = call->getDirectCallee();
      if (fd && IsFunctionIn(fd, "std", "lock")) {
        Op op;
        op.action = Action::kAcquire;
        for (const Expr* arg : call->arguments()) {
          if (!IsMutex(arg->getType())) return;
          if (auto key = MutexKey(arg)) op.keys.push_back(*key);
          Consume(arg);
        }
        ops_[s] = op;
      }
    }
  }

  // The key of a maximal object mention (x, this, x.f, p->f; not the x inside x.f). The
  // object of a method call counts only with method_bases: in the flow, the call itself
  // decides (CallsOutside, CheckCallee).
  std::optional<ObjectKey> MentionKey(const Stmt* s, bool method_bases) {
    if (!llvm::isa<DeclRefExpr>(s) && !llvm::isa<CXXThisExpr>(s) && !llvm::isa<MemberExpr>(s)) {
      return std::nullopt;
    }
    if (const auto* me = llvm::dyn_cast<MemberExpr>(s); me && !llvm::isa<FieldDecl>(me->getMemberDecl())) {
      return std::nullopt;
    }
    const Stmt* p = ParentStmt(s, ctx_);
    while (p && (llvm::isa<ImplicitCastExpr>(p) || llvm::isa<ParenExpr>(p))) p = ParentStmt(p, ctx_);
    if (const auto* me = llvm::dyn_cast_or_null<MemberExpr>(p)) {
      if (llvm::isa<FieldDecl>(me->getMemberDecl())) return std::nullopt;  // part of a longer path
      if (!method_bases) return std::nullopt;
    }
    return KeyOf(llvm::cast<Expr>(s));
  }

  bool Private(const ObjectKey& key) const {
    const auto* vd = llvm::dyn_cast_or_null<VarDecl>(key.root);
    return vd && vd->hasLocalStorage() && !llvm::isa<ParmVarDecl>(vd) &&
           !vd->getType()->isReferenceType() && !vd->getType()->isPointerType() &&
           !exposed_.count(vd);
  }

  bool CallsOutside(const Stmt* s) const {
    const FunctionDecl* fd = nullptr;
    if (const auto* call = llvm::dyn_cast<CallExpr>(s)) {
      fd = call->getDirectCallee();
      if (!fd) return true;  // through a pointer: anything
    } else if (const auto* ce = llvm::dyn_cast<CXXConstructExpr>(s)) {
      fd = ce->getConstructor();
    } else {
      return false;
    }
    const SourceManager& sm = ctx_.getSourceManager();
    if (!sm.isInSystemHeader(fd->getLocation())) return !LockFree(fd, 0);
    // Library entry points that run user code.
    if (fd->getIdentifier()) {
      llvm::StringRef n = fd->getName();
      if (n == "invoke" || n == "apply" || n == "call_once" || n == "for_each") return true;
    }
    if (const auto* m = llvm::dyn_cast<CXXMethodDecl>(fd)) {
      if (m->getOverloadedOperator() == OO_Call) return true;  // std::function
    }
    return false;
  }

  // A user function whose visible body (and its callees', two levels down) names no mutex,
  // lock guard or condition variable and calls nothing unknown: it cannot unlock anything.
  bool LockFree(const FunctionDecl* fd, int depth) const {
    const FunctionDecl* def = nullptr;
    if (!fd || !fd->hasBody(def) || depth > 2) return false;
    if (auto it = lock_free_->find(def); it != lock_free_->end()) return it->second;
    (*lock_free_)[def] = false;  // recursion: assume the worst
    bool free = true;
    const SourceManager& sm = ctx_.getSourceManager();
    ForEachDescendant(
        def->getBody(),
        [&](const Stmt* n) {
          const auto* e = llvm::dyn_cast<Expr>(n);
          if (!free || !e) return;
          QualType t = e->getType();
          if (!t.isNull() && (IsMutex(t) || IsGuard(t) || IsCondVar(t))) free = false;
          const FunctionDecl* callee = nullptr;
          if (const auto* call = llvm::dyn_cast<CallExpr>(e)) {
            callee = call->getDirectCallee();
            if (!callee) free = false;
          } else if (const auto* ce = llvm::dyn_cast<CXXConstructExpr>(e)) {
            callee = ce->getConstructor();
          }
          if (!free || !callee) return;
          if (sm.isInSystemHeader(callee->getLocation())) {
            if (const auto* m = llvm::dyn_cast<CXXMethodDecl>(callee);
                m && m->getOverloadedOperator() == OO_Call) {
              free = false;  // std::function and friends run user code
            }
            return;
          }
          if (!LockFree(callee, depth + 1)) free = false;
        },
        /*into_lambdas=*/true);
    (*lock_free_)[def] = free;
    return free;
  }

  // Applies a block's elements to `held`; calls report(Relock) for a lock of a held mutex,
  // here or in a method of the same object called here. Returns false when the block ends
  // in a call that does not return.
  template <class ReportFn>
  bool Transfer(const CFGBlock& b, Held& held, ReportFn&& report) {
    for (const CFGElement& e : b) {
      if (auto dtor = e.getAs<CFGAutomaticObjDtor>()) {
        auto it = guards_.find(dtor->getVarDecl());
        if (it != guards_.end()) {
          for (const ObjectKey& k : it->second) held.erase(k);
        }
        continue;
      }
      const Stmt* s = ElementStmt(e);
      if (!s) continue;
      if (EndsPath(e)) return false;
      auto op_it = ops_.find(s);
      if (op_it != ops_.end()) {
        const Op& op = op_it->second;
        std::vector<ObjectKey> keys = op.keys;
        if (op.guard) {
          auto g = guards_.find(op.guard);
          if (g == guards_.end()) continue;
          keys = g->second;
        }
        for (const ObjectKey& k : keys) {
          switch (op.action) {
            case Action::kAcquire:
              if (auto h = held.find(k); h != held.end()) report(Relock{s, k, h->second, nullptr, {}});
              held[k] = s->getBeginLoc();
              break;
            case Action::kRelease:
            case Action::kForget:
              held.erase(k);
              break;
            case Action::kNeutral:
              break;
          }
        }
        continue;
      }
      if (consumed_.count(s)) continue;
      if (auto key = MentionKey(s, /*method_bases=*/false)) {
        if (const auto* vd = llvm::dyn_cast_or_null<VarDecl>(key->root); vd && guards_.count(vd)) {
          for (const ObjectKey& k : guards_[vd]) held.erase(k);
        }
        for (auto it = held.begin(); it != held.end();) {
          it = Related(it->first, *key) ? held.erase(it) : std::next(it);
        }
        continue;
      }
      if (const auto* mc = llvm::dyn_cast<CXXMemberCallExpr>(s); mc && !held.empty()) {
        CheckCallee(mc, held, report);
      }
      if (CallsOutside(s)) {
        for (auto it = held.begin(); it != held.end();) {
          it = Private(it->first) ? std::next(it) : held.erase(it);
        }
      }
    }
    return !b.hasNoReturnElement();
  }

  // A call of a method that locks, on entry, a member of the same object that is held.
  template <class ReportFn>
  void CheckCallee(const CXXMemberCallExpr* mc, const Held& held, ReportFn&& report) {
    const Expr* object = ObjectOf(mc);
    auto base = object ? KeyOf(object) : std::nullopt;
    if (!base) return;
    const auto* me = llvm::dyn_cast<MemberExpr>(mc->getCallee()->IgnoreParens());
    if (me && me->isArrow()) base->path += "*";  // p->f(): the object is *p
    for (const auto& [member, at] : EntryLocks(mc->getMethodDecl())) {
      ObjectKey k = *base;
      k.path += member;
      if (auto h = held.find(k); h != held.end()) {
        Relock r{mc, k, h->second, mc->getMethodDecl(), at};
        report(r);
      }
    }
  }

  FunctionScope scope_;
  ASTContext& ctx_;
  std::map<const FunctionDecl*, bool>* lock_free_;
  std::map<const Stmt*, Op> ops_;
  std::set<const Stmt*> consumed_;
  std::set<const ValueDecl*> exposed_;
  std::map<const VarDecl*, std::vector<ObjectKey>> guards_;
};

class SelfDeadlock : public Check {
 public:
  using Check::Check;
  const CheckInfo& info() const override { return kInfo; }
  void Register(ast_matchers::MatchFinder& finder) override {
    using namespace ast_matchers;
    auto mutex = cxxRecordDecl(hasAnyName("::std::mutex", "::std::timed_mutex",
                                          "::std::shared_mutex", "::std::shared_timed_mutex"));
    finder.addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("lock", "lock_shared"), ofClass(mutex))))
            .bind("op"),
        this);
    finder.addMatcher(cxxConstructExpr(hasType(cxxRecordDecl(hasAnyName(
                                           "::std::lock_guard", "::std::unique_lock",
                                           "::std::scoped_lock", "::std::shared_lock"))))
                          .bind("op"),
                      this);
  }
  void onEndOfTranslationUnit() override {
    seen_.clear();
    reported_.clear();
    lock_free_.clear();
  }

  void run(const ast_matchers::MatchFinder::MatchResult& result) override {
    const auto* op = result.Nodes.getNodeAs<Expr>("op");
    ASTContext& ctx = *result.Context;
    if (!op || !ShouldCheck(ctx.getSourceManager(), op->getBeginLoc())) return;
    std::optional<FunctionScope> scope = EnclosingFunction(op, ctx);
    if (!scope || scope->decl->isDependentContext() || !seen_.insert(scope->body).second) return;
    FunctionLocks locks(*scope, ctx, &lock_free_);
    if (!locks.Scan()) return;
    locks.Run([&](const Relock& r) {
      if (!reported_.insert(r.at).second) return;
      std::string taken = "(locked at line " + std::to_string(LineOf(r.taken, ctx)) + ")";
      if (r.callee) {
        Report(ctx.getSourceManager(), r.at->getBeginLoc(),
               "'" + r.callee->getNameAsString() + "' locks '" + r.key.Spelling() +
                   "' (line " + std::to_string(LineOf(r.callee_lock, ctx)) +
                   ") while this function already holds it " + taken +
                   "; the mutex is not recursive: this deadlocks");
        return;
      }
      Report(ctx.getSourceManager(), r.at->getBeginLoc(),
             "'" + r.key.Spelling() + "' is locked here while this function already holds it " +
                 taken + "; the mutex is not recursive: this deadlocks");
    });
  }

 private:
  std::set<const Stmt*> seen_;
  std::set<const Stmt*> reported_;
  std::map<const FunctionDecl*, bool> lock_free_;  // FunctionLocks::LockFree's memo
};

}  // namespace

std::unique_ptr<Check> MakeSelfDeadlockCheck(FindingSink& sink) {
  return std::make_unique<SelfDeadlock>(sink);
}

}  // namespace ccsp::vet
