// The ccsp instrumentation pass (LLVM new pass manager, module pass). Runs after the optimizer
// (and at -O0), instruments every function the module emits, then adds the site table, the
// globals table and a constructor that registers both with the runtime.
#pragma once

#include "llvm/IR/PassManager.h"

namespace ccsp {

class InstrumentPass : public llvm::PassInfoMixin<InstrumentPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Module& m, llvm::ModuleAnalysisManager& am);
  // Required: runs on optnone functions at -O0 too.
  static bool isRequired() { return true; }
};

}  // namespace ccsp
