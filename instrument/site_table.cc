// The per-module site table; see site_table.h. Names come from the debug info's linkage names
// (demangled with llvm::demangle), so reports read "ns::Queue<int>::push(int)" rather than
// "push"; without debug info the IR function name stands in.
#include "site_table.h"

#include "ccsp/abi.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

namespace ccsp {

SiteTable::SiteTable(llvm::Module& m) {
  for (const llvm::Function& f : m) {
    if (const llvm::DISubprogram* sp = f.getSubprogram()) sp_functions_.try_emplace(sp, &f);
  }
}

llvm::StringRef SiteTable::DemangledName(llvm::StringRef mangled) {
  return names_.save(llvm::demangle(mangled));
}

llvm::StringRef SiteTable::SubprogramName(const llvm::DISubprogram* sp) {
  auto [it, inserted] = sp_names_.try_emplace(sp);
  if (inserted) {
    llvm::StringRef linkage = sp->getLinkageName();
    if (linkage.empty()) {
      auto fn = sp_functions_.find(sp);
      if (fn != sp_functions_.end()) linkage = fn->second->getName();
    }
    it->second = linkage.empty() ? names_.save(sp->getName()) : DemangledName(linkage);
  }
  return it->second;
}

llvm::StringRef SiteTable::FunctionName(const llvm::Function& f) {
  if (const llvm::DISubprogram* sp = f.getSubprogram()) return SubprogramName(sp);
  return DemangledName(f.getName());
}

uint32_t SiteTable::Intern(llvm::StringRef function, llvm::StringRef file, uint32_t line,
                           uint32_t column, uint32_t inlined_at, uint32_t flags) {
  Entry e{names_.save(function).data(), names_.save(file).data(), line, column, inlined_at, flags};
  auto key = std::make_tuple(e.function, e.file, line, column, inlined_at, flags);
  auto [it, inserted] = by_content_.try_emplace(key, size());
  if (inserted) entries_.push_back(e);
  return it->second;
}

uint32_t SiteTable::ForLocation(const llvm::DILocation* loc) {
  auto it = by_location_.find(loc);
  if (it != by_location_.end()) return it->second;
  // The chain is short (one level per inlined call), so recursion depth is small.
  uint32_t inlined_at = 0;
  if (const llvm::DILocation* at = loc->getInlinedAt()) inlined_at = ForLocation(at) + 1;
  uint32_t index = Intern(SubprogramName(loc->getScope()->getSubprogram()), loc->getFilename(),
                          loc->getLine(), loc->getColumn(), inlined_at, 0);
  by_location_.try_emplace(loc, index);
  return index;
}

uint32_t SiteTable::ForInstruction(const llvm::Instruction& inst) {
  if (const llvm::DILocation* loc = inst.getDebugLoc().get()) return ForLocation(loc);
  const llvm::Function& f = *inst.getFunction();
  const llvm::DISubprogram* sp = f.getSubprogram();
  return Intern(FunctionName(f), sp ? sp->getFilename() : "", 0, 0, 0, 0);
}

uint32_t SiteTable::ForFunction(const llvm::Function& f) {
  auto [it, inserted] = by_function_.try_emplace(&f, 0);
  if (inserted) {
    const llvm::DISubprogram* sp = f.getSubprogram();
    it->second = Intern(FunctionName(f), sp ? sp->getFilename() : "", sp ? sp->getLine() : 0, 0, 0,
                        CCSP_SITE_FUNCTION);
  }
  return it->second;
}

llvm::GlobalVariable* SiteTable::Emit(llvm::StructType* entry_type, StringPool& strings) {
  if (entries_.empty()) return nullptr;
  llvm::Module& m = strings.module();
  llvm::Type* i32 = llvm::Type::getInt32Ty(m.getContext());
  std::vector<llvm::Constant*> rows;
  rows.reserve(entries_.size());
  for (const Entry& e : entries_) {
    rows.push_back(llvm::ConstantStruct::get(
        entry_type,
        {strings.Get(e.function), strings.Get(e.file), llvm::ConstantInt::get(i32, e.line),
         llvm::ConstantInt::get(i32, e.column), llvm::ConstantInt::get(i32, e.inlined_at),
         llvm::ConstantInt::get(i32, e.flags)}));
  }
  auto* type = llvm::ArrayType::get(entry_type, rows.size());
  return new llvm::GlobalVariable(m, type, /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
                                  llvm::ConstantArray::get(type, rows), "__ccsp.sites");
}

}  // namespace ccsp
