// The runtime entry points as LLVM declarations, built from CCSP_ABI_LIST in <ccsp/abi.h>:
// names and signatures are spelled there and nowhere else. Declarations are created on first
// use, so an instrumented module only references the entry points it calls.
#pragma once

#include <array>

#include "ccsp/abi.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

namespace ccsp {

// One enumerator per entry point, named as the entry point (RtFn::__ccsp_read4).
enum class RtFn : unsigned {
#define CCSP_RT_ENUMERATOR(ret, name, n, params) name,
  CCSP_ABI_LIST(CCSP_RT_ENUMERATOR)
#undef CCSP_RT_ENUMERATOR
      kCount
};

class RuntimeAbi {
 public:
  explicit RuntimeAbi(llvm::Module& m);

  // The declaration of an entry point (nounwind). Reports a diagnostic if the module already
  // declares the name with another type.
  llvm::FunctionCallee Get(RtFn fn);

  // Entry points for a plain access of `size` bytes (1, 2, 4, 8, 16); nullptr otherwise.
  llvm::FunctionCallee ReadN(uint64_t size);
  llvm::FunctionCallee WriteN(uint64_t size);

  // The initial-exec TLS i32 that holds the call site of the next call (CCSP_CALLSITE_TLS).
  llvm::GlobalVariable* CallsiteTls();

  // True for names the runtime owns (entry points, its globals, the pass's own globals).
  static bool IsRuntimeName(llvm::StringRef name);

  // Struct types matching struct ccsp_site_entry / struct ccsp_global_entry.
  llvm::StructType* SiteEntryType();
  llvm::StructType* GlobalEntryType();

 private:
  llvm::Module& m_;
  std::array<llvm::FunctionCallee, static_cast<size_t>(RtFn::kCount)> fns_{};
  llvm::GlobalVariable* callsite_ = nullptr;
  llvm::StructType* site_entry_ = nullptr;
  llvm::StructType* global_entry_ = nullptr;
};

}  // namespace ccsp
