// String constants for the pass's tables; see string_pool.h.
#include "string_pool.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

namespace ccsp {

llvm::Constant* StringPool::Get(llvm::StringRef s) {
  auto [it, inserted] = strings_.try_emplace(s, nullptr);
  if (inserted) {
    llvm::Constant* data = llvm::ConstantDataArray::getString(m_.getContext(), s, true);
    auto* gv = new llvm::GlobalVariable(m_, data->getType(), /*isConstant=*/true,
                                        llvm::GlobalValue::PrivateLinkage, data, "__ccsp.str");
    gv->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    gv->setAlignment(llvm::Align(1));
    it->second = gv;
  }
  return it->second;
}

}  // namespace ccsp
