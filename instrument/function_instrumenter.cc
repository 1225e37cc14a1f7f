// Per-function instrumentation; see function_instrumenter.h. Runtime calls go right before the
// access they describe, except for atomics, which the runtime brackets: begin before the real
// instruction, end (with kind, order and size) after it.
#include "function_instrumenter.h"

#include "ccsp/detail/abi_events.hpp"
#include "globals_table.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/EscapeEnumerator.h"
#include "stats.h"

namespace ccsp {
namespace {

llvm::cl::opt<bool> ClReadBeforeWrite(
    "ccsp-omit-read-before-write",
    llvm::cl::desc("Omit a read when a write to the same address follows it in the same "
                   "basic block with no call, atomic or fence in between"),
    llvm::cl::Hidden, llvm::cl::init(true));

llvm::cl::opt<bool> ClHandleExceptions(
    "ccsp-handle-exceptions",
    llvm::cl::desc("Call __ccsp_func_exit when an exception unwinds through a function"),
    llvm::cl::Hidden, llvm::cl::init(true));

using abi::AtomicKind;
using abi::MemOrder;

MemOrder ToMemOrder(llvm::AtomicOrdering order) {
  switch (order) {
    case llvm::AtomicOrdering::NotAtomic:
    case llvm::AtomicOrdering::Unordered:
    case llvm::AtomicOrdering::Monotonic:
      return MemOrder::kRelaxed;
    case llvm::AtomicOrdering::Acquire:
      return MemOrder::kAcquire;
    case llvm::AtomicOrdering::Release:
      return MemOrder::kRelease;
    case llvm::AtomicOrdering::AcquireRelease:
      return MemOrder::kAcqRel;
    case llvm::AtomicOrdering::SequentiallyConsistent:
      return MemOrder::kSeqCst;
  }
  return MemOrder::kSeqCst;
}

llvm::ConstantInt* KindOrder(llvm::LLVMContext& c, AtomicKind kind, llvm::AtomicOrdering order) {
  uint32_t value = static_cast<uint32_t>(kind) << 4 | static_cast<uint32_t>(ToMemOrder(order));
  return llvm::ConstantInt::get(llvm::Type::getInt32Ty(c), value);
}

// Atomic loads and stores scoped to one thread (signal handlers) synchronize with no other
// task: like TSan, treat them as plain accesses. RMWs and cmpxchgs stay atomic.
bool IsRuntimeAtomic(const llvm::Instruction& inst) {
  if (const auto* load = llvm::dyn_cast<llvm::LoadInst>(&inst)) {
    return load->isAtomic() && load->getSyncScopeID() != llvm::SyncScope::SingleThread;
  }
  if (const auto* store = llvm::dyn_cast<llvm::StoreInst>(&inst)) {
    return store->isAtomic() && store->getSyncScopeID() != llvm::SyncScope::SingleThread;
  }
  return llvm::isa<llvm::AtomicRMWInst>(inst) || llvm::isa<llvm::AtomicCmpXchgInst>(inst);
}

// Calls that get a call-site store: everything that can reach instrumented code or an
// interceptor. Intrinsics and inline asm cannot. (The runtime calls the pass inserts are added
// after the calls are collected, so they never get one.)
bool NeedsCallsite(const llvm::CallBase& call) {
  if (call.isInlineAsm()) return false;
  const llvm::Function* callee = call.getCalledFunction();
  return !(callee && callee->isIntrinsic());
}

// Intrinsics that neither synchronize nor touch memory another task could see.
bool IsInertIntrinsic(const llvm::Instruction& inst) {
  return llvm::isa<llvm::DbgInfoIntrinsic>(inst) || llvm::isa<llvm::MemIntrinsic>(inst) ||
         llvm::isa<llvm::AssumeInst>(inst) || llvm::isa<llvm::PseudoProbeInst>(inst) ||
         inst.isLifetimeStartOrEnd();
}

// EscapeEnumerator gives a function that needs a cleanup pad and has no personality the
// target's default one, which for C++ is the C personality (__gcc_personality_v0). It unwinds
// C++ exceptions through cleanups just as well, but a function with a different personality
// cannot be inlined into its C++ callers later (LTO), so C++ modules get the C++ one.
void UseCxxPersonalityIfNeeded(llvm::Function& f) {
  if (f.hasPersonalityFn()) return;
  llvm::Function* cxx = f.getParent()->getFunction("__gxx_personality_v0");
  if (!cxx) return;
  for (llvm::BasicBlock& bb : f) {
    for (llvm::Instruction& inst : bb) {
      auto* call = llvm::dyn_cast<llvm::CallInst>(&inst);
      if (call && !call->doesNotThrow() && !call->isMustTailCall()) {
        f.setPersonalityFn(cxx);
        return;
      }
    }
  }
}

void EnsureDebugLoc(llvm::IRBuilder<>& irb, llvm::Function& f) {
  if (irb.getCurrentDebugLocation()) return;
  if (llvm::DISubprogram* sp = f.getSubprogram()) {
    irb.SetCurrentDebugLocation(llvm::DILocation::get(f.getContext(), 0, 0, sp));
  }
}

}  // namespace

bool ShouldInstrument(const llvm::Function& f) {
  if (f.isDeclaration() || f.hasAvailableExternallyLinkage()) return false;
  if (f.hasFnAttribute(llvm::Attribute::Naked) ||
      f.hasFnAttribute(llvm::Attribute::DisableSanitizerInstrumentation)) {
    return false;
  }
  return !RuntimeAbi::IsRuntimeName(f.getName());
}

FunctionInstrumenter::FunctionInstrumenter(llvm::Function& f, RuntimeAbi& abi, SiteTable& sites,
                                           llvm::GlobalVariable* site_base)
    : f_(f), abi_(abi), sites_(sites), site_base_(site_base), dl_(f.getParent()->getDataLayout()) {}

void FunctionInstrumenter::Run() {
  Collect();
  // Calls first: their site store must stay immediately before the call; anything inserted
  // later for a neighbouring instruction lands before or after the pair.
  for (llvm::CallBase* call : calls_) InstrumentCall(call);
  for (llvm::Instruction* inst : plain_) InstrumentPlain(inst);
  for (llvm::Instruction* inst : atomics_) InstrumentAtomic(inst);
  for (llvm::FenceInst* fence : fences_) InstrumentFence(fence);
  for (llvm::MemIntrinsic* mem : mem_intrinsics_) InstrumentMemIntrinsic(mem);
  // A function that records nothing and calls nothing needs no frame: no event can name it.
  if (plain_.empty() && atomics_.empty() && fences_.empty() && mem_intrinsics_.empty() &&
      calls_.empty()) {
    ++stats::NumLeafFunctions;
    return;
  }
  InstrumentEntryExit();
  ++stats::NumFunctions;
}

void FunctionInstrumenter::Collect() {
  llvm::SmallVector<llvm::Instruction*, 16> group;
  for (llvm::BasicBlock& bb : f_) {
    for (llvm::Instruction& inst : bb) {
      if (IsRuntimeAtomic(inst)) {
        atomics_.push_back(&inst);
        ChoosePlainAccesses(group);
      } else if (llvm::isa<llvm::LoadInst>(inst) || llvm::isa<llvm::StoreInst>(inst)) {
        group.push_back(&inst);
      } else if (auto* fence = llvm::dyn_cast<llvm::FenceInst>(&inst)) {
        fences_.push_back(fence);
        ChoosePlainAccesses(group);
      } else if (auto* call = llvm::dyn_cast<llvm::CallBase>(&inst)) {
        if (auto* mem = llvm::dyn_cast<llvm::MemIntrinsic>(call)) mem_intrinsics_.push_back(mem);
        if (NeedsCallsite(*call)) calls_.push_back(call);
        if (!IsInertIntrinsic(inst)) ChoosePlainAccesses(group);
      }
    }
    ChoosePlainAccesses(group);
  }
}

// Picks the accesses of one group (a stretch of a basic block with no call, atomic or fence)
// that need instrumentation. Walking backwards finds reads that a later write to the same
// address covers: the write conflicts with everything the read conflicts with, and nothing in
// between can order another task's access after the read but before the write.
void FunctionInstrumenter::ChoosePlainAccesses(llvm::SmallVectorImpl<llvm::Instruction*>& group) {
  llvm::SmallDenseMap<const llvm::Value*, uint64_t, 8> written;  // address -> bytes written
  size_t first = plain_.size();
  for (llvm::Instruction* inst : llvm::reverse(group)) {
    bool is_write = llvm::isa<llvm::StoreInst>(inst);
    const llvm::Value* addr = llvm::getLoadStorePointerOperand(inst);
    Skip why = filter_.Classify(*inst, addr, is_write);
    if (why != Skip::kNo) {
      AccessFilter::Count(why);
      continue;
    }
    llvm::TypeSize size = dl_.getTypeStoreSize(llvm::getLoadStoreType(inst));
    uint64_t bytes = size.getKnownMinValue();
    if (is_write && !size.isScalable()) {  // scalable writes are not instrumented
      uint64_t& covered = written[addr];
      covered = std::max(covered, bytes);
    } else if (ClReadBeforeWrite && !size.isScalable()) {
      auto it = written.find(addr);
      if (it != written.end() && it->second >= bytes) {
        ++stats::NumOmittedReadsBeforeWrite;
        continue;
      }
    }
    plain_.push_back(inst);
  }
  std::reverse(plain_.begin() + first, plain_.end());
  group.clear();
}

llvm::Value* FunctionInstrumenter::SiteId(llvm::IRBuilder<>& irb, uint32_t local) {
  llvm::Value* base = irb.CreateLoad(irb.getInt32Ty(), site_base_, "ccsp.site_base");
  return irb.CreateAdd(base, irb.getInt32(local));
}

llvm::Value* FunctionInstrumenter::SiteOf(llvm::IRBuilder<>& irb, const llvm::Instruction& inst) {
  return SiteId(irb, sites_.ForInstruction(inst));
}

void FunctionInstrumenter::InstrumentPlain(llvm::Instruction* inst) {
  bool is_write = llvm::isa<llvm::StoreInst>(inst);
  llvm::Value* addr = llvm::getLoadStorePointerOperand(inst);
  llvm::TypeSize size = dl_.getTypeStoreSize(llvm::getLoadStoreType(inst));
  if (size.isScalable()) {
    f_.getContext().diagnose(llvm::DiagnosticInfoUnsupported(
        f_, "ccsp: an access to a scalable vector is not instrumented", inst->getDebugLoc(),
        llvm::DS_Warning));
    ++stats::NumOmittedScalable;
    return;
  }
  uint64_t bytes = size.getFixedValue();
  llvm::IRBuilder<> irb(inst);
  llvm::Value* site = SiteOf(irb, *inst);
  if (llvm::FunctionCallee fn = is_write ? abi_.WriteN(bytes) : abi_.ReadN(bytes)) {
    irb.CreateCall(fn, {addr, site});
    ++(is_write ? stats::NumWrites : stats::NumReads);
    return;
  }
  llvm::FunctionCallee range =
      abi_.Get(is_write ? RtFn::__ccsp_write_range : RtFn::__ccsp_read_range);
  irb.CreateCall(range, {addr, irb.getInt64(bytes), site});
  ++(is_write ? stats::NumRangeWrites : stats::NumRangeReads);
}

void FunctionInstrumenter::InstrumentAtomic(llvm::Instruction* inst) {
  llvm::LLVMContext& c = f_.getContext();
  llvm::Value* addr = nullptr;
  llvm::Type* type = nullptr;
  if (auto* load = llvm::dyn_cast<llvm::LoadInst>(inst)) {
    addr = load->getPointerOperand();
    type = load->getType();
  } else if (auto* store = llvm::dyn_cast<llvm::StoreInst>(inst)) {
    addr = store->getPointerOperand();
    type = store->getValueOperand()->getType();
  } else if (auto* rmw = llvm::dyn_cast<llvm::AtomicRMWInst>(inst)) {
    addr = rmw->getPointerOperand();
    type = rmw->getValOperand()->getType();
  } else {
    auto* cas = llvm::cast<llvm::AtomicCmpXchgInst>(inst);
    addr = cas->getPointerOperand();
    type = cas->getCompareOperand()->getType();
  }
  Skip why = addr->getType()->getPointerAddressSpace() != 0 ? Skip::kUnsupported : Skip::kNo;
  if (const auto* gv = llvm::dyn_cast<llvm::GlobalVariable>(llvm::getUnderlyingObject(addr))) {
    if (IsToolGlobal(*gv)) why = Skip::kToolGlobal;
  }
  if (why != Skip::kNo) {
    AccessFilter::Count(why);
    return;
  }

  llvm::IRBuilder<> before(inst);
  before.CreateCall(abi_.Get(RtFn::__ccsp_atomic_begin), {addr});

  llvm::IRBuilder<> after(inst->getNextNode());
  after.SetCurrentDebugLocation(inst->getDebugLoc());
  llvm::Value* kind_order = nullptr;
  if (auto* load = llvm::dyn_cast<llvm::LoadInst>(inst)) {
    kind_order = KindOrder(c, AtomicKind::kLoad, load->getOrdering());
    ++stats::NumAtomicLoads;
  } else if (auto* store = llvm::dyn_cast<llvm::StoreInst>(inst)) {
    kind_order = KindOrder(c, AtomicKind::kStore, store->getOrdering());
    ++stats::NumAtomicStores;
  } else if (auto* rmw = llvm::dyn_cast<llvm::AtomicRMWInst>(inst)) {
    kind_order = KindOrder(c, AtomicKind::kRmw, rmw->getOrdering());
    ++stats::NumAtomicRmws;
  } else {
    // Whether the exchange stored is known only at run time: pick the kind from the i1.
    auto* cas = llvm::cast<llvm::AtomicCmpXchgInst>(inst);
    llvm::Value* ok = after.CreateExtractValue(cas, 1, "ccsp.cas_ok");
    kind_order = after.CreateSelect(ok, KindOrder(c, AtomicKind::kCasOk, cas->getSuccessOrdering()),
                                    KindOrder(c, AtomicKind::kCasFail, cas->getFailureOrdering()));
    ++stats::NumAtomicCmpXchgs;
  }
  uint64_t bytes = dl_.getTypeStoreSize(type).getFixedValue();
  after.CreateCall(
      abi_.Get(RtFn::__ccsp_atomic_end),
      {addr, kind_order, after.getInt32(static_cast<uint32_t>(bytes)), SiteOf(after, *inst)});
}

void FunctionInstrumenter::InstrumentFence(llvm::FenceInst* fence) {
  AtomicKind kind = fence->getSyncScopeID() == llvm::SyncScope::SingleThread
                        ? AtomicKind::kSignalFence
                        : AtomicKind::kFence;
  llvm::IRBuilder<> after(fence->getNextNode());
  after.SetCurrentDebugLocation(fence->getDebugLoc());
  after.CreateCall(abi_.Get(RtFn::__ccsp_atomic_fence),
                   {KindOrder(f_.getContext(), kind, fence->getOrdering()), SiteOf(after, *fence)});
  ++stats::NumFences;
}

void FunctionInstrumenter::InstrumentMemIntrinsic(llvm::MemIntrinsic* mem) {
  llvm::IRBuilder<> irb(mem);
  llvm::Value* length = nullptr;
  llvm::Value* site = nullptr;
  auto range = [&](RtFn fn, llvm::Value* addr, bool is_write) {
    Skip why = filter_.Classify(*mem, addr, is_write);
    if (why != Skip::kNo) {
      AccessFilter::Count(why);
      return;
    }
    if (!length) {
      length = irb.CreateZExtOrTrunc(mem->getLength(), irb.getInt64Ty());
      site = SiteOf(irb, *mem);
      ++stats::NumMemIntrinsics;
    }
    irb.CreateCall(abi_.Get(fn), {addr, length, site});
  };
  if (auto* transfer = llvm::dyn_cast<llvm::MemTransferInst>(mem)) {
    range(RtFn::__ccsp_read_range, transfer->getRawSource(), false);
  }
  range(RtFn::__ccsp_write_range, mem->getRawDest(), true);
}

void FunctionInstrumenter::InstrumentCall(llvm::CallBase* call) {
  llvm::IRBuilder<> irb(call);
  llvm::Value* site = SiteOf(irb, *call);
  irb.CreateStore(site, irb.CreateThreadLocalAddress(abi_.CallsiteTls()));
  ++stats::NumCallsites;
}

void FunctionInstrumenter::InstrumentEntryExit() {
  llvm::BasicBlock& entry = f_.getEntryBlock();
  llvm::IRBuilder<> irb(&entry, entry.getFirstNonPHIOrDbgOrAlloca());
  EnsureDebugLoc(irb, f_);
  irb.CreateCall(abi_.Get(RtFn::__ccsp_func_entry), {SiteId(irb, sites_.ForFunction(f_))});

  // Every return and resume, and (by turning calls that may throw into invokes of a cleanup
  // pad) every unwind out of the function.
  if (ClHandleExceptions) UseCxxPersonalityIfNeeded(f_);
  llvm::EscapeEnumerator exits(f_, "ccsp_cleanup", ClHandleExceptions);
  while (llvm::IRBuilder<>* at_exit = exits.Next()) {
    EnsureDebugLoc(*at_exit, f_);
    at_exit->CreateCall(abi_.Get(RtFn::__ccsp_func_exit), {});
  }
}

}  // namespace ccsp
