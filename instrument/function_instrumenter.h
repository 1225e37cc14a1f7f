// Instruments one function: plain loads and stores, atomics and fences, memory intrinsics, the
// call-site store before each call, and __ccsp_func_entry/__ccsp_func_exit on every path in and
// out, including exception unwinding.
#pragma once

#include "access_filter.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicInst.h"
#include "runtime_abi.h"
#include "site_table.h"

namespace ccsp {

// Functions the pass leaves alone: declarations, bodies not emitted in this module
// (available_externally), naked functions, functions marked
// __attribute__((disable_sanitizer_instrumentation)), and the runtime's own.
bool ShouldInstrument(const llvm::Function& f);

class FunctionInstrumenter {
 public:
  FunctionInstrumenter(llvm::Function& f, RuntimeAbi& abi, SiteTable& sites,
                       llvm::GlobalVariable* site_base);

  void Run();

 private:
  void Collect();
  void ChoosePlainAccesses(llvm::SmallVectorImpl<llvm::Instruction*>& group);
  void InstrumentPlain(llvm::Instruction* inst);
  void InstrumentAtomic(llvm::Instruction* inst);
  void InstrumentFence(llvm::FenceInst* fence);
  void InstrumentMemIntrinsic(llvm::MemIntrinsic* mem);
  void InstrumentCall(llvm::CallBase* call);
  void InstrumentEntryExit();

  // The global site id of a local site index: (load site base) + index.
  llvm::Value* SiteId(llvm::IRBuilder<>& irb, uint32_t local);
  llvm::Value* SiteOf(llvm::IRBuilder<>& irb, const llvm::Instruction& inst);

  llvm::Function& f_;
  RuntimeAbi& abi_;
  SiteTable& sites_;
  llvm::GlobalVariable* site_base_;
  const llvm::DataLayout& dl_;
  AccessFilter filter_;

  llvm::SmallVector<llvm::Instruction*, 32> plain_;
  llvm::SmallVector<llvm::Instruction*, 8> atomics_;
  llvm::SmallVector<llvm::FenceInst*, 4> fences_;
  llvm::SmallVector<llvm::MemIntrinsic*, 8> mem_intrinsics_;
  llvm::SmallVector<llvm::CallBase*, 16> calls_;
};

}  // namespace ccsp
