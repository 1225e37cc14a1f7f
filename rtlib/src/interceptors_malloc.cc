// malloc-family interceptors. malloc/calloc/realloc/free call glibc's __libc_* entry points
// directly (no dlsym: dlsym itself allocates). Allocation records are written only for an
// active task outside ignore regions; these interceptors never start the runtime themselves.
// realloc is a free of the old block followed by an allocation of the new one.
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

#include "interceptor.h"
#include "record.h"

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void __libc_free(void*);
void* __libc_memalign(size_t, size_t);
}

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(posix_memalign);
CCSP_REAL_DEF(aligned_alloc);
CCSP_REAL_DEF(memalign);
CCSP_REAL_DEF(valloc);
CCSP_REAL_DEF(pvalloc);

CCSP_ALWAYS_INLINE bool AllocRecording(TaskState& t) { return t.phase == Phase::kActive && t.suppress == 0; }

// The kind and site an operator new/delete left for the allocation it is about to do.
struct Pending {
  AllocKind kind;
  uint32_t site;
};
CCSP_ALWAYS_INLINE Pending TakePending(TaskState& t, AllocKind plain) {
  if (CCSP_LIKELY(!t.pending_alloc_kind)) return Pending{plain, TakeCallsite()};
  Pending p{static_cast<AllocKind>(t.pending_alloc_kind - 1), t.pending_site};
  t.pending_alloc_kind = 0;
  return p;
}

CCSP_NOINLINE void NoteAlloc(void* p, size_t n, AllocKind plain) {
  TaskState& t = Cur();
  Pending k = TakePending(t, plain);
  if (p && AllocRecording(t)) RecordAlloc(t, p, n, k.kind, k.site);
}

CCSP_NOINLINE void NoteFree(void* p) {
  TaskState& t = Cur();
  Pending k = TakePending(t, AllocKind::kMalloc);
  if (p && AllocRecording(t)) RecordFree(t, p, k.kind, k.site);
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(void*, malloc, size_t n) {
  void* p = __libc_malloc(n);
  NoteAlloc(p, n, AllocKind::kMalloc);
  return p;
}

INTERCEPTOR(void*, calloc, size_t n, size_t size) {
  void* p = __libc_calloc(n, size);
  NoteAlloc(p, n * size, AllocKind::kMalloc);
  return p;
}

INTERCEPTOR(void, free, void* p) {
  if (!p) {
    Cur().pending_alloc_kind = 0;
    return;
  }
  NoteFree(p);
  __libc_free(p);
}

INTERCEPTOR(void*, realloc, void* old, size_t n) {
  if (!old) return malloc(n);
  TaskState& t = Cur();
  if (!AllocRecording(t)) return __libc_realloc(old, n);
  uint32_t site = TakeCallsite();
  size_t old_size = malloc_usable_size(old);
  RecordFree(t, old, AllocKind::kMalloc, site);
  void* p = __libc_realloc(old, n);
  int err = errno;
  if (p) RecordAlloc(t, p, n, AllocKind::kMalloc, site);
  else if (n != 0) RecordAlloc(t, old, old_size, AllocKind::kMalloc, site);  // old block lives on
  errno = err;
  return p;
}

INTERCEPTOR(void*, reallocarray, void* old, size_t n, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(n, size, &total)) {
    errno = ENOMEM;
    return nullptr;
  }
  return realloc(old, total);
}

INTERCEPTOR(int, posix_memalign, void** out, size_t align, size_t n) {
  int rc = REAL(posix_memalign)(out, align, n);
  if (rc == 0) NoteAlloc(*out, n, AllocKind::kAligned);
  return rc;
}

INTERCEPTOR(void*, aligned_alloc, size_t align, size_t n) {
  void* p = REAL(aligned_alloc)(align, n);
  NoteAlloc(p, n, AllocKind::kAligned);
  return p;
}

INTERCEPTOR(void*, memalign, size_t align, size_t n) {
  void* p = REAL(memalign)(align, n);
  NoteAlloc(p, n, AllocKind::kAligned);
  return p;
}

INTERCEPTOR(void*, valloc, size_t n) {
  void* p = REAL(valloc)(n);
  NoteAlloc(p, n, AllocKind::kAligned);
  return p;
}

INTERCEPTOR(void*, pvalloc, size_t n) {
  void* p = REAL(pvalloc)(n);
  NoteAlloc(p, n, AllocKind::kAligned);
  return p;
}
