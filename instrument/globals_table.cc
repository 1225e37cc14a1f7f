// The globals table; see globals_table.h. Thread-local variables are left out: their address
// is per thread and not a link-time constant.
#include "globals_table.h"

#include <vector>

#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/GlobalVariable.h"

namespace ccsp {

bool IsToolGlobal(const llvm::GlobalVariable& gv) {
  llvm::StringRef name = gv.getName();
  if (RuntimeAbi::IsRuntimeName(name) || name.starts_with("llvm.")) return true;
  if (name.starts_with("__llvm_prf_") || name.starts_with("__llvm_gcov") ||
      name.starts_with("__profc_") || name.starts_with("__profd_")) {
    return true;
  }
  return gv.hasSection() &&
         (gv.getSection() == "llvm.metadata" || gv.getSection().starts_with("__llvm_prf_"));
}

namespace {

bool Describe(const llvm::GlobalVariable& gv) {
  if (gv.isDeclaration() || gv.isConstant() || gv.isThreadLocal() || IsToolGlobal(gv)) {
    return false;
  }
  if (gv.getAddressSpace() != 0 || !gv.getValueType()->isSized()) return false;
  return !gv.getName().empty();
}

}  // namespace

GlobalsTable EmitGlobalsTable(llvm::Module& m, RuntimeAbi& abi, SiteTable& names,
                              StringPool& strings) {
  const llvm::DataLayout& dl = m.getDataLayout();
  llvm::LLVMContext& c = m.getContext();
  llvm::Type* i32 = llvm::Type::getInt32Ty(c);
  llvm::StructType* entry_type = abi.GlobalEntryType();
  std::vector<llvm::GlobalVariable*> described;
  for (llvm::GlobalVariable& gv : m.globals()) {
    if (Describe(gv)) described.push_back(&gv);
  }
  std::vector<llvm::Constant*> rows;
  for (llvm::GlobalVariable* gv : described) {
    uint64_t size = dl.getTypeAllocSize(gv->getValueType()).getKnownMinValue();
    if (size == 0) continue;
    llvm::StringRef name = gv->getName();
    llvm::StringRef file;
    uint32_t line = 0;
    llvm::SmallVector<llvm::DIGlobalVariableExpression*, 1> debug;
    gv->getDebugInfo(debug);
    if (!debug.empty()) {
      const llvm::DIGlobalVariable* var = debug.front()->getVariable();
      // C function-local statics have no linkage name; their IR name ("main.count") says
      // more than the bare variable name.
      if (!var->getLinkageName().empty()) {
        name = var->getLinkageName();
      } else if (!llvm::isa_and_nonnull<llvm::DISubprogram>(var->getScope())) {
        name = var->getName();
      }
      file = var->getFilename();
      line = var->getLine();
    }
    rows.push_back(llvm::ConstantStruct::get(
        entry_type, {gv, llvm::ConstantInt::get(llvm::Type::getInt64Ty(c), size),
                     strings.Get(names.DemangledName(name)), strings.Get(file),
                     llvm::ConstantInt::get(i32, line), llvm::ConstantInt::get(i32, 0)}));
  }
  GlobalsTable table;
  if (rows.empty()) return table;
  auto* type = llvm::ArrayType::get(entry_type, rows.size());
  table.array =
      new llvm::GlobalVariable(m, type, /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
                               llvm::ConstantArray::get(type, rows), "__ccsp.globals");
  table.count = static_cast<uint32_t>(rows.size());
  return table;
}

}  // namespace ccsp
