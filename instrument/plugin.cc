// Entry point of the pass plugin (clang -fpass-plugin=libccsp_instrument.so, or
// opt -load-pass-plugin ... -passes=ccsp-instrument). Registers the speculation guard at the
// start of the pipeline and the instrumentation at its end, which clang also runs at -O0.
#include "instrument_pass.h"
#include "speculation_guard.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

extern "C" LLVM_ATTRIBUTE_WEAK __attribute__((visibility("default"))) ::llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {
      LLVM_PLUGIN_API_VERSION, "ccsp-instrument", "0.1", [](llvm::PassBuilder& pb) {
        pb.registerPipelineStartEPCallback(
            [](llvm::ModulePassManager& mpm, llvm::OptimizationLevel) {
              mpm.addPass(ccsp::SpeculationGuardPass());
            });
        pb.registerOptimizerLastEPCallback(
            [](llvm::ModulePassManager& mpm, llvm::OptimizationLevel) {
              mpm.addPass(ccsp::InstrumentPass());
            });
        pb.registerPipelineParsingCallback([](llvm::StringRef name, llvm::ModulePassManager& mpm,
                                              llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
          if (name == "ccsp-speculation-guard") {
            mpm.addPass(ccsp::SpeculationGuardPass());
            return true;
          }
          if (name != "ccsp-instrument") return false;
          mpm.addPass(ccsp::InstrumentPass());
          return true;
        });
      }};
}
