// The module's site table: every instrumented instruction, call and function gets a local index
// into one constant array of ccsp_site_entry (<ccsp/abi.h>). Entries are deduplicated by
// content; inlined code gets one entry per level of its DILocation inlinedAt chain.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/Support/StringSaver.h"
#include "string_pool.h"

namespace ccsp {

class SiteTable {
 public:
  explicit SiteTable(llvm::Module& m);

  // The site of an instruction: its debug location (and the inlined-at chain), or the
  // enclosing function's name without one.
  uint32_t ForInstruction(const llvm::Instruction& inst);
  // The site naming a function (CCSP_SITE_FUNCTION): name, file and line of its definition.
  uint32_t ForFunction(const llvm::Function& f);

  uint32_t size() const { return static_cast<uint32_t>(entries_.size()); }

  // Emits the private constant array (nullptr when the table is empty).
  llvm::GlobalVariable* Emit(llvm::StructType* entry_type, StringPool& strings);

  // Demangled name of a function, for reports; also used for the globals table.
  llvm::StringRef DemangledName(llvm::StringRef mangled);

 private:
  struct Entry {
    const char* function;  // interned in names_, so pointer equality is string equality
    const char* file;
    uint32_t line, column, inlined_at, flags;
  };
  uint32_t ForLocation(const llvm::DILocation* loc);
  uint32_t Intern(llvm::StringRef function, llvm::StringRef file, uint32_t line, uint32_t column,
                  uint32_t inlined_at, uint32_t flags);
  llvm::StringRef SubprogramName(const llvm::DISubprogram* sp);
  llvm::StringRef FunctionName(const llvm::Function& f);

  llvm::BumpPtrAllocator alloc_;
  llvm::UniqueStringSaver names_{alloc_};
  std::vector<Entry> entries_;
  std::map<std::tuple<const char*, const char*, uint32_t, uint32_t, uint32_t, uint32_t>, uint32_t>
      by_content_;
  llvm::DenseMap<const llvm::DILocation*, uint32_t> by_location_;
  llvm::DenseMap<const llvm::Function*, uint32_t> by_function_;
  llvm::DenseMap<const llvm::DISubprogram*, llvm::StringRef> sp_names_;
  // Subprograms of the functions defined in the module: names them when the debug info has
  // no linkage name (-gline-tables-only without -fdebug-info-for-profiling).
  llvm::DenseMap<const llvm::DISubprogram*, const llvm::Function*> sp_functions_;
};

}  // namespace ccsp
