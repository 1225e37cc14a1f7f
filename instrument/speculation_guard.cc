// Marks function definitions sanitize_thread (speculation_guard.h). available_externally
// bodies are marked too: they are inlined into instrumented callers, and the inliner only
// inlines between functions whose sanitize_thread attributes agree.
#include "speculation_guard.h"

#include "llvm/IR/Attributes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

namespace ccsp {

llvm::PreservedAnalyses SpeculationGuardPass::run(llvm::Module& m, llvm::ModuleAnalysisManager&) {
  bool changed = false;
  for (llvm::Function& f : m) {
    if (f.isDeclaration() || f.hasFnAttribute(llvm::Attribute::Naked) ||
        f.hasFnAttribute(llvm::Attribute::DisableSanitizerInstrumentation) ||
        f.hasFnAttribute(llvm::Attribute::SanitizeThread))
      continue;
    f.addFnAttr(llvm::Attribute::SanitizeThread);
    changed = true;
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

}  // namespace ccsp
