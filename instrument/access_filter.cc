// Skip decisions for memory accesses; see access_filter.h. Each rule is sound for race
// detection: the skipped memory is either private to one task (a non-escaping stack slot) or
// never written while the program runs.
#include "access_filter.h"

#include "globals_table.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "stats.h"

namespace ccsp {

bool IsVtableAccess(const llvm::Instruction& inst) {
  if (const llvm::MDNode* tag = inst.getMetadata(llvm::LLVMContext::MD_tbaa)) {
    return tag->isTBAAVtableAccess();
  }
  return false;
}

bool AccessFilter::MayBeCaptured(const llvm::AllocaInst* alloca) {
  auto [it, inserted] = captured_.try_emplace(alloca, true);
  if (inserted) {
    it->second = llvm::PointerMayBeCaptured(alloca, /*ReturnCaptures=*/true,
                                            /*StoreCaptures=*/true);
  }
  return it->second;
}

Skip AccessFilter::Classify(const llvm::Instruction& inst, const llvm::Value* addr, bool is_write) {
  if (addr->getType()->getPointerAddressSpace() != 0 || addr->isSwiftError()) {
    return Skip::kUnsupported;
  }
  if (llvm::isa<llvm::LoadInst>(inst) && IsVtableAccess(inst)) return Skip::kVtableLoad;
  if (!is_write && inst.hasMetadata(llvm::LLVMContext::MD_invariant_load)) return Skip::kConstant;

  const llvm::Value* object = llvm::getUnderlyingObject(addr);
  if (const auto* gv = llvm::dyn_cast<llvm::GlobalVariable>(object)) {
    if (IsToolGlobal(*gv)) return Skip::kToolGlobal;
    if (!is_write && gv->isConstant()) return Skip::kConstant;
  } else if (const auto* load = llvm::dyn_cast<llvm::LoadInst>(object)) {
    // The address was loaded from a vtable pointer slot: this reads the vtable itself.
    if (!is_write && IsVtableAccess(*load)) return Skip::kVtableRead;
  }
  // findAllocaForValue also sees through phis and selects of the same slot.
  if (const llvm::AllocaInst* alloca = llvm::findAllocaForValue(const_cast<llvm::Value*>(addr))) {
    if (!MayBeCaptured(alloca)) return Skip::kNonCaptured;
  }
  return Skip::kNo;
}

void AccessFilter::Count(Skip why) {
  // clang-format off
  switch (why) {
    case Skip::kNo: break;
    case Skip::kNonCaptured: ++stats::NumOmittedNonCaptured; break;
    case Skip::kConstant: ++stats::NumOmittedConstant; break;
    case Skip::kVtableLoad: ++stats::NumOmittedVtableLoads; break;
    case Skip::kVtableRead: ++stats::NumOmittedVtableReads; break;
    case Skip::kToolGlobal: ++stats::NumOmittedToolGlobals; break;
    case Skip::kUnsupported: ++stats::NumOmittedUnsupported; break;
  }
  // clang-format on
}

}  // namespace ccsp
