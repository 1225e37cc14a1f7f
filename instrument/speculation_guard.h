// Keeps the optimizer from inventing accesses the program does not make. LLVM may hoist or
// speculate a load the source guarded by a condition (`ready ? data : -1` becomes an
// unconditional load of `data`); the instrumentation pass runs after the optimizer, so such a
// load would be recorded and reported as a race the program does not have. Functions marked
// `sanitize_thread` are optimized without that speculation (ThreadSanitizer relies on the
// same attribute), so this pass marks every function definition at the start of the pipeline.
#pragma once

#include "llvm/IR/PassManager.h"

namespace ccsp {

class SpeculationGuardPass : public llvm::PassInfoMixin<SpeculationGuardPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Module& m, llvm::ModuleAnalysisManager& am);
  static bool isRequired() { return true; }
};

}  // namespace ccsp
