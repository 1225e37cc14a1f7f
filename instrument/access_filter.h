// Decides which memory accesses need no instrumentation because they provably cannot take part
// in a race, as ThreadSanitizer decides: stack slots whose address never escapes, reads of
// constant globals and vtables, and memory that belongs to the tools (runtime, LLVM, profiling).
#pragma once

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Instructions.h"

namespace ccsp {

enum class Skip {
  kNo,
  kNonCaptured,  // a stack slot whose address never escapes the function
  kConstant,     // a constant global or memory marked invariant
  kVtableLoad,   // a load of an object's vtable pointer
  kVtableRead,   // a read through a vtable pointer (a vtable slot)
  kToolGlobal,   // the runtime's, the pass's, LLVM's or a profiler's global
  kUnsupported,  // a non-default address space or a swifterror slot (cannot be passed on)
};

class AccessFilter {
 public:
  // Why an access to `addr` by `inst` (a load, store or memory intrinsic) may be skipped.
  Skip Classify(const llvm::Instruction& inst, const llvm::Value* addr, bool is_write);

  // Bumps the statistic for a skip reason (not for kNo).
  static void Count(Skip why);

 private:
  bool MayBeCaptured(const llvm::AllocaInst* alloca);

  llvm::DenseMap<const llvm::AllocaInst*, bool> captured_;
};

// The TBAA tag marks a vtable pointer access.
bool IsVtableAccess(const llvm::Instruction& inst);

}  // namespace ccsp
