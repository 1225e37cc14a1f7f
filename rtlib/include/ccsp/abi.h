/* ccsp runtime ABI: the one place the names and signatures of the runtime's extern "C" entry
 * points are spelled. The pass (instrument/) builds its LLVM declarations from CCSP_ABI_LIST,
 * the runtime (rtlib/) defines them, the Go-style API declares them weak through the same list.
 * Plain C; usable from C and C++. */
#ifndef CCSP_ABI_H
#define CCSP_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Types used in the list, as tokens so that each user can map them:
 *   void, ptr (const void*), u8, u32, u64, cstr (const char*), sites, globals, u32p. */
#define CCSP_CTYPE_void void
#define CCSP_CTYPE_ptr const void*
#define CCSP_CTYPE_u8 uint8_t
#define CCSP_CTYPE_u32 uint32_t
#define CCSP_CTYPE_u64 uint64_t
#define CCSP_CTYPE_cstr const char*
#define CCSP_CTYPE_sites const struct ccsp_site_entry*
#define CCSP_CTYPE_globals const struct ccsp_global_entry*
#define CCSP_CTYPE_u32p uint32_t*

/* X(return, name, number of parameters, (parameter types)) for every entry point.
 * Entries marked [pass] are called by instrumented code; the others by the API/annotations. */
#define CCSP_ABI_LIST(X)                                                                    \
  /* [pass] plain accesses of 1,2,4,8,16 bytes at any alignment: (addr, site) */            \
  X(void, __ccsp_read1, 2, (ptr, u32))                                                        \
  X(void, __ccsp_read2, 2, (ptr, u32))                                                        \
  X(void, __ccsp_read4, 2, (ptr, u32))                                                        \
  X(void, __ccsp_read8, 2, (ptr, u32))                                                        \
  X(void, __ccsp_read16, 2, (ptr, u32))                                                       \
  X(void, __ccsp_write1, 2, (ptr, u32))                                                       \
  X(void, __ccsp_write2, 2, (ptr, u32))                                                       \
  X(void, __ccsp_write4, 2, (ptr, u32))                                                       \
  X(void, __ccsp_write8, 2, (ptr, u32))                                                       \
  X(void, __ccsp_write16, 2, (ptr, u32))                                                      \
  /* [pass] other sizes, vectors, memcpy/memmove/memset: (addr, size, site) */             \
  X(void, __ccsp_read_range, 3, (ptr, u64, u32))                                              \
  X(void, __ccsp_write_range, 3, (ptr, u64, u32))                                             \
  /* [pass] atomics. The pass keeps the real atomic instruction and brackets it:            \
   *   __ccsp_atomic_begin(addr); <atomic instruction>; __ccsp_atomic_end(addr, kind_order, \
   *   size, site)                                                                          \
   * begin takes a per-location lock that end releases after taking the sequence number,   \
   * so seq order is the location's modification order. kind_order = AtomicKind<<4 |       \
   * MemOrder (detail/abi_events.hpp); for cmpxchg the pass selects kCasOk/kCasFail from  \
   * result. Fences: __ccsp_atomic_fence(kind_order, site) after the real fence. */         \
  X(void, __ccsp_atomic_begin, 1, (ptr))                                                      \
  X(void, __ccsp_atomic_end, 4, (ptr, u32, u32, u32))                                         \
  X(void, __ccsp_atomic_fence, 2, (u32, u32))                                                 \
  /* [pass] function entry (fn = site of the function) and every exit, incl. unwinding */  \
  X(void, __ccsp_func_entry, 1, (u32))                                                        \
  X(void, __ccsp_func_exit, 0, ())                                                            \
  /* [pass] module constructor: (sites, n_sites, globals, n_globals, module name,           \
   * out: this module's site base; global site id = base + local index) */                  \
  X(void, __ccsp_register_module, 6, (sites, u32, globals, u32, cstr, u32p))                  \
  /* [api] a synchronization event: (SyncKind, obj, arg1, arg2); see abi_events.hpp */   \
  X(void, __ccsp_sync, 4, (u32, ptr, u64, u64))                                               \
  /* [api] stop/resume recording accesses and interceptions in this task (nestable) */      \
  X(void, __ccsp_ignore_begin, 0, ())                                                         \
  X(void, __ccsp_ignore_end, 0, ())                                                           \
  /* [api] a Go-style panic: record (MisuseKind, message), print it with the stack, abort */ \
  X(void, __ccsp_panic, 2, (u32, cstr))                                                       \
  /* [api] current task id (0 when the runtime is not initialized) */                       \
  X(u32, __ccsp_task_id, 0, ())

/* A site: one instrumented instruction or function, as the pass saw it. */
struct ccsp_site_entry {
  const char* function; /* demangled name of the (possibly inlined) function */
  const char* file;     /* as the compiler saw it; "" without debug info */
  uint32_t line;        /* 0 without debug info */
  uint32_t column;
  uint32_t inlined_at;  /* local index + 1 of the call site this was inlined into; 0 = none */
  uint32_t flags;       /* CCSP_SITE_* */
};

enum { CCSP_SITE_FUNCTION = 1 /* the site names a function entry */ };

/* An instrumented global variable, for "Location is global 'x'". */
struct ccsp_global_entry {
  const void* addr;
  uint64_t size;
  const char* name;
  const char* file;
  uint32_t line;
  uint32_t reserved;
};

/* The call site of the next call, stored by instrumented code right before each call and
 * consumed (reset to 0) by __ccsp_func_entry and by interceptors. Initial-exec TLS. */
#define CCSP_CALLSITE_TLS __ccsp_callsite

#ifdef __cplusplus
extern "C" {
#endif

#define CCSP_ABI_PARAMS_0() void
#define CCSP_ABI_PARAMS_1(a) CCSP_CTYPE_##a
#define CCSP_ABI_PARAMS_2(a, b) CCSP_CTYPE_##a, CCSP_CTYPE_##b
#define CCSP_ABI_PARAMS_3(a, b, c) CCSP_CTYPE_##a, CCSP_CTYPE_##b, CCSP_CTYPE_##c
#define CCSP_ABI_PARAMS_4(a, b, c, d) CCSP_CTYPE_##a, CCSP_CTYPE_##b, CCSP_CTYPE_##c, CCSP_CTYPE_##d
#define CCSP_ABI_PARAMS_6(a, b, c, d, e, f) \
  CCSP_CTYPE_##a, CCSP_CTYPE_##b, CCSP_CTYPE_##c, CCSP_CTYPE_##d, CCSP_CTYPE_##e, CCSP_CTYPE_##f

/* Declares every entry point; CCSP_ABI_ATTR lets a user add e.g. __attribute__((weak)). */
#ifndef CCSP_ABI_ATTR
#define CCSP_ABI_ATTR
#endif
#define CCSP_ABI_DECLARE(ret, name, n, params) \
  CCSP_ABI_ATTR CCSP_CTYPE_##ret name(CCSP_ABI_PARAMS_##n params);
CCSP_ABI_LIST(CCSP_ABI_DECLARE)
#undef CCSP_ABI_DECLARE

/* Defined by the runtime; see CCSP_CALLSITE_TLS. */
extern __thread uint32_t __ccsp_callsite __attribute__((tls_model("initial-exec")));

#ifdef __cplusplus
}
#endif

#endif /* CCSP_ABI_H */
