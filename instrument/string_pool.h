// Deduplicated C string constants for the tables the pass emits (function names, file names,
// global names): one private unnamed_addr global per distinct string per module.
#pragma once

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constant.h"
#include "llvm/IR/Module.h"

namespace ccsp {

class StringPool {
 public:
  explicit StringPool(llvm::Module& m) : m_(m) {}

  // A pointer to a NUL-terminated copy of `s` in the module's read-only data.
  llvm::Constant* Get(llvm::StringRef s);

  llvm::Module& module() const { return m_; }

 private:
  llvm::Module& m_;
  llvm::StringMap<llvm::Constant*> strings_;
};

}  // namespace ccsp
