// The module pass; see instrument_pass.h. Module layout it adds:
//   @__ccsp.site_base   internal i32, written once by __ccsp_register_module
//   @__ccsp.sites       private constant [N x ccsp_site_entry]
//   @__ccsp.globals     private constant [M x ccsp_global_entry]
//   @__ccsp.module_ctor internal, priority 0 in llvm.global_ctors
#include "instrument_pass.h"

#include "function_instrumenter.h"
#include "globals_table.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"
#include "runtime_abi.h"
#include "site_table.h"
#include "stats.h"
#include "string_pool.h"

namespace ccsp {
namespace {

// Marks a module as instrumented, so running the pass twice (e.g. a plugin given twice on the
// command line) changes nothing the second time.
constexpr const char* kInstrumentedMarker = "ccsp.instrumented";

void EmitModuleCtor(llvm::Module& m, RuntimeAbi& abi, StringPool& strings,
                    llvm::GlobalVariable* sites, uint32_t n_sites, const GlobalsTable& globals,
                    llvm::GlobalVariable* site_base) {
  llvm::LLVMContext& c = m.getContext();
  auto* ctor = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(c), false),
                                      llvm::GlobalValue::InternalLinkage, "__ccsp.module_ctor", m);
  ctor->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> irb(llvm::BasicBlock::Create(c, "", ctor));
  llvm::Constant* null = llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(c));
  irb.CreateCall(abi.Get(RtFn::__ccsp_register_module),
                 {sites ? static_cast<llvm::Constant*>(sites) : null, irb.getInt32(n_sites),
                  globals.array ? static_cast<llvm::Constant*>(globals.array) : null,
                  irb.getInt32(globals.count), strings.Get(m.getSourceFileName()), site_base});
  irb.CreateRetVoid();
  llvm::appendToGlobalCtors(m, ctor, /*Priority=*/0);
}

}  // namespace

llvm::PreservedAnalyses InstrumentPass::run(llvm::Module& m, llvm::ModuleAnalysisManager&) {
  if (m.getNamedMetadata(kInstrumentedMarker)) return llvm::PreservedAnalyses::all();
  m.getOrInsertNamedMetadata(kInstrumentedMarker);

  RuntimeAbi abi(m);
  SiteTable sites(m);
  StringPool strings(m);
  // Describe the program's globals before the pass adds its own.
  GlobalsTable globals = EmitGlobalsTable(m, abi, sites, strings);

  llvm::Type* i32 = llvm::Type::getInt32Ty(m.getContext());
  auto* site_base =
      new llvm::GlobalVariable(m, i32, /*isConstant=*/false, llvm::GlobalValue::InternalLinkage,
                               llvm::ConstantInt::get(i32, 0), "__ccsp.site_base");

  llvm::SmallVector<llvm::Function*, 64> functions;
  for (llvm::Function& f : m) {
    if (ShouldInstrument(f)) {
      functions.push_back(&f);
    } else if (!f.isDeclaration()) {
      ++stats::NumSkippedFunctions;
    }
  }
  for (llvm::Function* f : functions) FunctionInstrumenter(*f, abi, sites, site_base).Run();

  llvm::GlobalVariable* table = sites.Emit(abi.SiteEntryType(), strings);
  stats::NumSites += sites.size();
  stats::NumGlobals += globals.count;
  if (table || globals.array) {
    EmitModuleCtor(m, abi, strings, table, sites.size(), globals, site_base);
  } else {
    site_base->eraseFromParent();
  }
  stats::PrintIfEnabled();
  return llvm::PreservedAnalyses::none();
}

}  // namespace ccsp
