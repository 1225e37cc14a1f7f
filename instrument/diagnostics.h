// User-facing problems the pass finds, reported through the LLVM context so that clang prints
// them as "error: ccsp: ..." / "warning: ccsp: ..." (and -Werror applies to warnings).
#pragma once

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

namespace ccsp {

// A module-level diagnostic (no source location).
class ModuleDiagnostic : public llvm::DiagnosticInfo {
 public:
  ModuleDiagnostic(const llvm::Twine& msg, llvm::DiagnosticSeverity severity)
      : DiagnosticInfo(Kind(), severity), msg_(msg) {}
  void print(llvm::DiagnosticPrinter& printer) const override { printer << "ccsp: " << msg_; }

 private:
  static int Kind() {
    static const int kind = llvm::getNextAvailablePluginDiagnosticKind();
    return kind;
  }
  const llvm::Twine& msg_;  // diagnose() prints synchronously
};

inline void ReportError(llvm::Module& m, const llvm::Twine& msg) {
  m.getContext().diagnose(ModuleDiagnostic(msg, llvm::DS_Error));
}

}  // namespace ccsp
