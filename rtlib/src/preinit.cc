// Starts the runtime from .preinit_array: before any shared library's or the program's
// constructors, so that every task, lock and allocation the program makes is seen. Kept in
// its own object so that it is linked only into executables (--whole-archive).
#include "init.h"

namespace {
void CcspPreinit(int, char**, char** envp) {
  ccsp::rt::SetPreinitEnv(envp);
  ccsp::rt::EnsureInit();
  ccsp::rt::SetPreinitEnv(nullptr);
}
}  // namespace

__attribute__((section(".preinit_array"), used)) static void (*const ccsp_preinit_entry)(int, char**, char**) =
    CcspPreinit;
