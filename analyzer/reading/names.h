// Stable names for the trace format's enums: used in JSON (kebab-case keys users and
// scripts match on) and in the dump. Unknown values get a generic name, never a crash.
#pragma once

#include <cstdint>

#include "trace/format.h"

namespace ccsp::analyzer {

const char* MisuseName(uint64_t kind);         // "send-on-closed"
const char* MisuseDescription(uint64_t kind);  // "send on closed channel"
const char* BlockOpName(uint64_t op);          // "chan-receive"
const char* SyncKindName(uint32_t kind);       // "MutexLock"; nullptr when unknown
const char* AtomicKindName(trace::AtomicKind k);
const char* MemOrderName(trace::MemOrder o);

}  // namespace ccsp::analyzer
