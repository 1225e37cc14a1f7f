// The metadata stream (stream id kMetaStream): strings, module site tables, globals, task
// names, program arguments, options and panic messages. All writers take one lock; the
// module table kept here also serves the runtime's own stack printing (watchdog, panic).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ccsp/abi.h"

namespace ccsp::rt::meta {

// Starts the stream in the current trace file (after tracefile::Open).
void Start();

// A fresh string record; returns its id. Not interned (dynamic text: names, args, messages).
uint64_t String(const char* s, size_t len);
uint64_t String(const char* s);

// A record with MetaFieldCount(op) fields.
void Record(uint8_t op, const uint64_t* fields);

void TaskName(uint32_t task, const char* name);
void Panic(uint32_t task, const char* message);
void Option(const char* key, const char* value);
// argv from /proc/self/cmdline; returns argc.
uint32_t Args();

// __ccsp_register_module: assigns the module's site base and writes its tables.
uint32_t RegisterModule(const ccsp_site_entry* sites, uint32_t n_sites, const ccsp_global_entry* globals,
                        uint32_t n_globals, const char* name);

// Site lookup for the runtime's own reports; null for 0 or unknown ids.
const ccsp_site_entry* LookupSite(uint32_t site);
// The global id of the site a site was inlined into (0 = none).
uint32_t InlinedAt(uint32_t site);

// fork(): the parent holds the lock across the real fork; the child starts a new stream in its
// own file and writes every module again (string ids restart).
void LockForFork();
void UnlockForFork();
void RestartInChild();

}  // namespace ccsp::rt::meta
