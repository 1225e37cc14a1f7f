// AST helpers shared by the checks: recognizing std:: and ccsp:: declarations whatever the
// inline namespaces, peeling implicit nodes off expressions, naming the object an expression
// denotes (ObjectKey), and walking up to the enclosing function or lambda body.
#pragma once

#include <optional>
#include <string>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/StringRef.h"

namespace ccsp::vet {

// Declared (directly, inline namespaces aside) in namespace `ns` ("std" or "ccsp").
bool IsInNamespace(const clang::Decl* d, llvm::StringRef ns);

// The class a type names, after references, cv-qualifiers and sugar; nullptr if none.
const clang::CXXRecordDecl* RecordOf(clang::QualType t);
// t (or what it refers to) is the class ns::name.
bool IsRecordIn(clang::QualType t, llvm::StringRef ns, llvm::StringRef name);
// fd is the function ns::name (a free function, or a member of a class named in ns).
bool IsFunctionIn(const clang::FunctionDecl* fd, llvm::StringRef ns, llvm::StringRef name);

// Parentheses, implicit casts, temporaries, full-expression wrappers and elidable or
// conversion-only constructions removed.
const clang::Expr* Strip(const clang::Expr* e);

// Names the object an lvalue expression denotes, as a variable (or `this`) and a path of
// fields: `wg`, `this->mu_` ("this.mu_"), `s.ch`, `p->m` ("p*.m"). Reference variables are
// followed to what they are bound to. Nothing for array elements, calls, anything else.
struct ObjectKey {
  const clang::ValueDecl* root = nullptr;  // nullptr when the root is `this`
  std::string path;                         // ".field" and "*" steps after the root
  bool operator==(const ObjectKey& o) const { return root == o.root && path == o.path; }
  bool operator<(const ObjectKey& o) const {
    return root != o.root ? root < o.root : path < o.path;
  }
  // As written in messages: "wg", "this->mu_", "s.ch".
  std::string Spelling() const;
};
std::optional<ObjectKey> KeyOf(const clang::Expr* e);

// The implicit object of a member call (`x` in x.f() or p->f(): the key is of *p), stripped.
const clang::Expr* ObjectOf(const clang::CXXMemberCallExpr* call);

// The function or lambda whose body holds `s`: its declaration (the lambda's call operator)
// and body. Nothing outside function bodies.
struct FunctionScope {
  const clang::FunctionDecl* decl = nullptr;
  const clang::Stmt* body = nullptr;
};
std::optional<FunctionScope> EnclosingFunction(const clang::Stmt* s, clang::ASTContext& ctx);

// The first parent of `s` that is a statement or expression (nullptr at a declaration).
const clang::Stmt* ParentStmt(const clang::Stmt* s, clang::ASTContext& ctx);
// The first parent that is not an implicit node (casts, temporaries, cleanups, parens).
const clang::Stmt* ExplicitParent(const clang::Stmt* s, clang::ASTContext& ctx);

// Calls f(child) for every statement below root, stopping at nested lambda bodies unless
// into_lambdas (a lambda's captures are always visited).
template <class F>
void ForEachDescendant(const clang::Stmt* root, F&& f, bool into_lambdas) {
  if (!root) return;
  for (const clang::Stmt* child : root->children()) {
    if (!child) continue;
    f(child);
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(child)) {
      for (const clang::Expr* init : lambda->capture_inits()) {
        if (init) {
          f(init);
          ForEachDescendant(init, f, into_lambdas);
        }
      }
      if (into_lambdas) ForEachDescendant(lambda->getBody(), f, into_lambdas);
      continue;
    }
    ForEachDescendant(child, f, into_lambdas);
  }
}

// Whether any reference to `d` appears below root (lambda bodies included).
bool Mentions(const clang::Stmt* root, const clang::ValueDecl* d);

// The source text of a range, or "" inside macros.
std::string SourceText(clang::SourceRange range, const clang::ASTContext& ctx);

// A line number for messages ("line 42").
unsigned LineOf(clang::SourceLocation loc, const clang::ASTContext& ctx);

}  // namespace ccsp::vet
