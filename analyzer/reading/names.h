// Stable names for the trace format's enums: used in JSON (kebab-case keys users and
// scripts match on) and in the dump. Unknown values get a generic name, never a crash.
#pragma once

#include <cstdint>
#include <string>

#include "trace/format.h"

namespace ccsp::analyzer {

const char* MisuseName(uint64_t kind);         // "send-on-closed"
const char* MisuseDescription(uint64_t kind);  // "send on closed channel"
const char* BlockOpName(uint64_t op);          // "chan-receive"
// What a blocked task is doing, in Go's words for text reports: "chan receive (nil chan)",
// "select (no cases)", "sync.Cond wait", "sync.Mutex lock", "wait-group wait".
std::string BlockOpWords(uint64_t op, uint64_t object, size_t select_cases);
const char* SyncKindName(uint32_t kind);       // "MutexLock"; nullptr when unknown
const char* AtomicKindName(trace::AtomicKind k);
const char* MemOrderName(trace::MemOrder o);

}  // namespace ccsp::analyzer
