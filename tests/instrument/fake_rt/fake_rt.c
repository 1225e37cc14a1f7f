/* A stand-in for the ccsp runtime, for testing the pass and the wrappers on their own: it
 * defines every entry point of <ccsp/abi.h>, checks what instrumented code passes (site ids in
 * a registered range, atomic begin/end pairs, balanced entry/exit, valid kinds and sizes),
 * counts the calls and, at exit, writes a report to $CCSP_FAKE_RT_OUT (site and globals tables
 * included). Plain C, not instrumented, thread-safe through atomics only. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ccsp/abi.h"

__thread uint32_t CCSP_CALLSITE_TLS __attribute__((tls_model("initial-exec")));

enum { kMaxModules = 256 };
static struct {
  const struct ccsp_site_entry* sites;
  uint32_t n_sites, base;
  const struct ccsp_global_entry* globals;
  uint32_t n_globals;
  const char* name;
} modules[kMaxModules];
static atomic_uint n_modules;
static atomic_uint next_base = 1; /* site 0 means "unknown" */
static pthread_mutex_t register_lock = PTHREAD_MUTEX_INITIALIZER;

static atomic_ulong reads[5], writes[5], range_reads, range_writes, range_bytes;
static atomic_ulong atomics[7], fences, signal_fences, entries, exits, entries_with_callsite;
static atomic_ulong callsite_reads, errors;
static __thread int depth;
static __thread const void* atomic_pending;
static __thread int atomic_open;

static void Error(const char* what, unsigned long value) {
  if (atomic_fetch_add(&errors, 1) < 10) fprintf(stderr, "fake_rt: %s (%lu)\n", what, value);
}

static void CheckSite(uint32_t site) {
  if (site == 0 || site >= atomic_load(&next_base)) Error("site id out of range", site);
}

/* Ends with a declaration so that each use takes a semicolon. */
#define FAKE_ACCESS(kind, index, size)                                   \
  void __ccsp_##kind##size(const void* addr, uint32_t site) {            \
    (void)addr;                                                          \
    CheckSite(site);                                                     \
    atomic_fetch_add_explicit(&kind##s[index], 1, memory_order_relaxed); \
  }                                                                      \
  extern int fake_rt_access_defined
FAKE_ACCESS(read, 0, 1);
FAKE_ACCESS(read, 1, 2);
FAKE_ACCESS(read, 2, 4);
FAKE_ACCESS(read, 3, 8);
FAKE_ACCESS(read, 4, 16);
FAKE_ACCESS(write, 0, 1);
FAKE_ACCESS(write, 1, 2);
FAKE_ACCESS(write, 2, 4);
FAKE_ACCESS(write, 3, 8);
FAKE_ACCESS(write, 4, 16);

void __ccsp_read_range(const void* addr, uint64_t size, uint32_t site) {
  (void)addr;
  CheckSite(site);
  atomic_fetch_add(&range_reads, 1);
  atomic_fetch_add(&range_bytes, size);
}

void __ccsp_write_range(const void* addr, uint64_t size, uint32_t site) {
  (void)addr;
  CheckSite(site);
  atomic_fetch_add(&range_writes, 1);
  atomic_fetch_add(&range_bytes, size);
}

void __ccsp_atomic_begin(const void* addr) {
  if (atomic_open) Error("nested atomic_begin", 0);
  atomic_open = 1;
  atomic_pending = addr;
}

void __ccsp_atomic_end(const void* addr, uint32_t kind_order, uint32_t size, uint32_t site) {
  unsigned kind = kind_order >> 4, order = kind_order & 15;
  if (!atomic_open || addr != atomic_pending) Error("atomic_end without its begin", kind_order);
  atomic_open = 0;
  if (kind > 4 || order > 5) Error("bad atomic kind/order", kind_order);
  if (size == 0 || size > 16) Error("bad atomic size", size);
  CheckSite(site);
  atomic_fetch_add(&atomics[kind < 7 ? kind : 0], 1);
}

void __ccsp_atomic_fence(uint32_t kind_order, uint32_t site) {
  unsigned kind = kind_order >> 4, order = kind_order & 15;
  if ((kind != 5 && kind != 6) || order > 5) Error("bad fence kind/order", kind_order);
  CheckSite(site);
  atomic_fetch_add(kind == 6 ? &signal_fences : &fences, 1);
}

void __ccsp_func_entry(uint32_t fn) {
  CheckSite(fn);
  if (CCSP_CALLSITE_TLS != 0) {
    CheckSite(CCSP_CALLSITE_TLS);
    atomic_fetch_add_explicit(&entries_with_callsite, 1, memory_order_relaxed);
  }
  CCSP_CALLSITE_TLS = 0;
  ++depth;
  atomic_fetch_add_explicit(&entries, 1, memory_order_relaxed);
}

void __ccsp_func_exit(void) {
  if (--depth < 0) Error("func_exit without entry", 0);
  atomic_fetch_add_explicit(&exits, 1, memory_order_relaxed);
}

void __ccsp_register_module(const struct ccsp_site_entry* sites, uint32_t n,
                            const struct ccsp_global_entry* globals, uint32_t n_globals,
                            const char* name, uint32_t* base) {
  pthread_mutex_lock(&register_lock);
  unsigned i = atomic_load(&n_modules);
  *base = atomic_fetch_add(&next_base, n);
  if (i < kMaxModules) {
    modules[i].sites = sites;
    modules[i].n_sites = n;
    modules[i].base = *base;
    modules[i].globals = globals;
    modules[i].n_globals = n_globals;
    modules[i].name = name;
    atomic_store(&n_modules, i + 1);
  }
  pthread_mutex_unlock(&register_lock);
}

void __ccsp_sync(uint32_t kind, const void* obj, uint64_t a, uint64_t b) {
  (void)kind, (void)obj, (void)a, (void)b;
  atomic_fetch_add(&callsite_reads, CCSP_CALLSITE_TLS != 0);
}
void __ccsp_ignore_begin(void) {}
void __ccsp_ignore_end(void) {}
void __ccsp_panic(uint32_t kind, const char* message) {
  fprintf(stderr, "panic (%u): %s\n", kind, message);
  abort();
}
uint32_t __ccsp_task_id(void) { return 0; }

static void Report(void) {
  const char* path = getenv("CCSP_FAKE_RT_OUT");
  if (!path) return;
  FILE* out = fopen(path, "w");
  if (!out) return;
  if (depth != 0) Error("unbalanced entry/exit in the exiting thread", (unsigned long)depth);
  static const char* kSizes[5] = {"1", "2", "4", "8", "16"};
  for (int i = 0; i < 5; ++i)
    fprintf(out, "read%s=%lu\nwrite%s=%lu\n", kSizes[i], atomic_load(&reads[i]), kSizes[i],
            atomic_load(&writes[i]));
  fprintf(out, "range_reads=%lu\nrange_writes=%lu\nrange_bytes=%lu\n", atomic_load(&range_reads),
          atomic_load(&range_writes), atomic_load(&range_bytes));
  static const char* kKinds[5] = {"load", "store", "rmw", "cas_ok", "cas_fail"};
  for (int i = 0; i < 5; ++i) fprintf(out, "atomic_%s=%lu\n", kKinds[i], atomic_load(&atomics[i]));
  fprintf(out, "fences=%lu\nsignal_fences=%lu\n", atomic_load(&fences),
          atomic_load(&signal_fences));
  fprintf(out, "entries=%lu\nexits=%lu\nentries_with_callsite=%lu\n", atomic_load(&entries),
          atomic_load(&exits), atomic_load(&entries_with_callsite));
  fprintf(out, "sync_with_callsite=%lu\n", atomic_load(&callsite_reads));
  unsigned n = atomic_load(&n_modules);
  fprintf(out, "modules=%u\n", n);
  for (unsigned m = 0; m < n && m < kMaxModules; ++m) {
    fprintf(out, "module %s sites=%u globals=%u\n", modules[m].name, modules[m].n_sites,
            modules[m].n_globals);
    for (uint32_t i = 0; i < modules[m].n_sites; ++i) {
      const struct ccsp_site_entry* s = &modules[m].sites[i];
      fprintf(out, "site %u fn=%s file=%s line=%u col=%u inlined_at=%u flags=%u\n", i, s->function,
              s->file, s->line, s->column, s->inlined_at, s->flags);
    }
    for (uint32_t i = 0; i < modules[m].n_globals; ++i) {
      const struct ccsp_global_entry* g = &modules[m].globals[i];
      fprintf(out, "global %s size=%lu file=%s line=%u\n", g->name, (unsigned long)g->size, g->file,
              g->line);
    }
  }
  fprintf(out, "errors=%lu\n", atomic_load(&errors));
  fclose(out);
}

/* Runs after main returns and after the static destructors registered by later modules. */
__attribute__((destructor(101))) static void AtExit(void) { Report(); }
