// Entry points called by the Go-style API and annotations: explicit sync events (always
// recorded, also inside ignore regions), ignore regions, panics, the task id, and module
// registration from the pass's module constructors.
#include "ccsp/abi.h"
#include "init.h"
#include "meta_stream.h"
#include "record.h"
#include "report.h"

using namespace ccsp::rt;

CCSP_EXPORT void __ccsp_sync(uint32_t kind, const void* obj, uint64_t arg1, uint64_t arg2) {
  TaskState& t = Cur();
  uint32_t site = TakeCallsite();
  if (!EnsureTask(t) || (t.suppress & kSuppressStopped)) return;
  auto k = static_cast<SyncKind>(kind);
  if (k == SyncKind::kTaskInternal && t.record) t.record->internal.store(true, std::memory_order_release);
  if (k == SyncKind::kBlockEnd) NoteBlock(t, 0, 0, false, 0);
  uint64_t seq = NextSeq(t);
  WriteSync(t, k, seq, NowTs(), reinterpret_cast<uint64_t>(obj), arg1, arg2, site);
  if (k != SyncKind::kAlloc) BumpEpoch(t);
  if (k == SyncKind::kBlockBegin)
    NoteBlock(t, static_cast<uint32_t>(arg1), reinterpret_cast<uint64_t>(obj), arg2 != 0, site);
}

CCSP_EXPORT void __ccsp_ignore_begin() {
  TaskState& t = Cur();
  ++t.ignore_depth;
  ++t.suppress;
}

CCSP_EXPORT void __ccsp_ignore_end() {
  TaskState& t = Cur();
  if (t.ignore_depth == 0) return;
  --t.ignore_depth;
  --t.suppress;
}

CCSP_EXPORT void __ccsp_panic(uint32_t kind, const char* message) { Panic(kind, message); }

CCSP_EXPORT uint32_t __ccsp_task_id() {
  TaskState& t = Cur();
  return EnsureTask(t) ? t.id : 0;
}

CCSP_EXPORT void __ccsp_register_module(const ccsp_site_entry* sites, uint32_t n_sites,
                                        const ccsp_global_entry* globals, uint32_t n_globals, const char* name,
                                        uint32_t* site_base) {
  uint32_t base = 0;
  if (EnsureInit()) base = meta::RegisterModule(sites, n_sites, globals, n_globals, name);
  if (site_base) *site_base = base;
}
