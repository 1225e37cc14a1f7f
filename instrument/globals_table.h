// The module's globals table (ccsp_global_entry[] in <ccsp/abi.h>): address, size, demangled
// name and definition line of every non-constant global variable defined in the module, so a
// report can say "Location is global 'counter'" without a symbolizer.
#pragma once

#include <cstdint>

#include "llvm/IR/Module.h"
#include "runtime_abi.h"
#include "site_table.h"
#include "string_pool.h"

namespace ccsp {

struct GlobalsTable {
  llvm::GlobalVariable* array = nullptr;  // nullptr when the module defines no such global
  uint32_t count = 0;
};

// Call before the pass adds globals of its own; names are demangled through `names`.
GlobalsTable EmitGlobalsTable(llvm::Module& m, RuntimeAbi& abi, SiteTable& names,
                              StringPool& strings);

// Globals whose accesses are never instrumented: the runtime's and the pass's own, LLVM's
// (llvm.*), and profiling counters.
bool IsToolGlobal(const llvm::GlobalVariable& gv);

}  // namespace ccsp
