// Atomics keep their instruction and are bracketed by __ccsp_atomic_begin(addr) before and
// __ccsp_atomic_end(addr, kind<<4 | order, size, site) after; cmpxchg picks kCasOk/kCasFail at
// run time; fences report after the real fence. kinds: load 0, store 1, rmw 2, cas_ok 3,
// cas_fail 4, fence 5, signal fence 6; orders: relaxed 0, acquire 2, release 3, acq_rel 4,
// seq_cst 5.
// RUN: %clang -O0 -g -Wno-atomic-alignment -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clang -O2 -g -Wno-atomic-alignment -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s
#include <stdatomic.h>

_Atomic char ac;
_Atomic short as;
_Atomic int ai;
_Atomic long long al;
_Atomic __int128 aw;

int load_relaxed(void) { return atomic_load_explicit(&ai, memory_order_relaxed); }
// CHECK-LABEL: define {{.*}} @load_relaxed(
// CHECK:      call void @__ccsp_atomic_begin(ptr @ai)
// CHECK-NEXT: load atomic i32, ptr @ai monotonic
// CHECK:      call void @__ccsp_atomic_end(ptr @ai, i32 0, i32 4, i32

int load_consume(void) { return atomic_load_explicit(&ai, memory_order_consume); }
// CHECK-LABEL: define {{.*}} @load_consume(
// CHECK:      load atomic i32, ptr @ai acquire
// CHECK:      call void @__ccsp_atomic_end(ptr @ai, i32 2, i32 4, i32

long long load_seq_cst(void) { return atomic_load(&al); }
// CHECK-LABEL: define {{.*}} @load_seq_cst(
// CHECK:      call void @__ccsp_atomic_begin(ptr @al)
// CHECK-NEXT: load atomic i64, ptr @al seq_cst
// CHECK:      call void @__ccsp_atomic_end(ptr @al, i32 5, i32 8, i32

void store_release(char v) { atomic_store_explicit(&ac, v, memory_order_release); }
// CHECK-LABEL: define {{.*}} @store_release(
// CHECK:      call void @__ccsp_atomic_begin(ptr @ac)
// CHECK-NEXT: store atomic i8 {{.*}}, ptr @ac release
// CHECK:      call void @__ccsp_atomic_end(ptr @ac, i32 19, i32 1, i32

void store_seq_cst(short v) { atomic_store(&as, v); }
// CHECK-LABEL: define {{.*}} @store_seq_cst(
// CHECK:      store atomic i16 {{.*}}, ptr @as seq_cst
// CHECK:      call void @__ccsp_atomic_end(ptr @as, i32 21, i32 2, i32

int rmw_relaxed(void) { return atomic_fetch_add_explicit(&ai, 1, memory_order_relaxed); }
// CHECK-LABEL: define {{.*}} @rmw_relaxed(
// CHECK:      call void @__ccsp_atomic_begin(ptr @ai)
// CHECK-NEXT: atomicrmw add ptr @ai, i32 {{.*}} monotonic
// CHECK:      call void @__ccsp_atomic_end(ptr @ai, i32 32, i32 4, i32

int rmw_acq_rel(void) { return atomic_fetch_or_explicit(&ai, 4, memory_order_acq_rel); }
// CHECK-LABEL: define {{.*}} @rmw_acq_rel(
// CHECK:      atomicrmw or ptr @ai, i32 {{.*}} acq_rel
// CHECK:      call void @__ccsp_atomic_end(ptr @ai, i32 36, i32 4, i32

long long exchange_acquire(long long v) {
  return atomic_exchange_explicit(&al, v, memory_order_acquire);
}
// CHECK-LABEL: define {{.*}} @exchange_acquire(
// CHECK:      atomicrmw xchg ptr @al, i64 {{.*}} acquire
// CHECK:      call void @__ccsp_atomic_end(ptr @al, i32 34, i32 8, i32

_Bool cas_strong(int expected) {
  return atomic_compare_exchange_strong_explicit(&ai, &expected, 7, memory_order_acq_rel,
                                                 memory_order_acquire);
}
// CHECK-LABEL: define {{.*}} @cas_strong(
// CHECK:      call void @__ccsp_atomic_begin(ptr @ai)
// CHECK-NEXT: [[RES:%.*]] = cmpxchg ptr @ai, i32 {{.*}}, i32 {{.*}} acq_rel acquire
// CHECK:      [[OK:%.*]] = extractvalue { i32, i1 } [[RES]], 1
// CHECK-NEXT: [[KO:%.*]] = select i1 [[OK]], i32 52, i32 66
// CHECK:      call void @__ccsp_atomic_end(ptr @ai, i32 [[KO]], i32 4, i32

_Bool cas_weak(long long expected) {
  return atomic_compare_exchange_weak_explicit(&al, &expected, 1, memory_order_release,
                                               memory_order_relaxed);
}
// CHECK-LABEL: define {{.*}} @cas_weak(
// CHECK:      [[RES:%.*]] = cmpxchg weak ptr @al, i64 {{.*}}, i64 {{.*}} release monotonic
// CHECK:      [[OK:%.*]] = extractvalue { i64, i1 } [[RES]], 1
// CHECK-NEXT: [[KO:%.*]] = select i1 [[OK]], i32 51, i32 64
// CHECK:      call void @__ccsp_atomic_end(ptr @al, i32 [[KO]], i32 8, i32

__int128 wide(__int128 v) { return atomic_exchange(&aw, v); }
// CHECK-LABEL: define {{.*}} @wide(
// CHECK:      atomicrmw xchg ptr @aw, i128 {{.*}} seq_cst
// CHECK:      call void @__ccsp_atomic_end(ptr @aw, i32 37, i32 16, i32

void fence_acquire(void) { atomic_thread_fence(memory_order_acquire); }
// CHECK-LABEL: define {{.*}} @fence_acquire(
// CHECK:      fence acquire
// CHECK-NEXT: load i32, ptr @__ccsp.site_base
// CHECK-NEXT: add i32
// CHECK-NEXT: call void @__ccsp_atomic_fence(i32 82, i32

void fence_release(void) { atomic_thread_fence(memory_order_release); }
// CHECK-LABEL: define {{.*}} @fence_release(
// CHECK:      fence release
// CHECK:      call void @__ccsp_atomic_fence(i32 83, i32

void fence_acq_rel(void) { atomic_thread_fence(memory_order_acq_rel); }
// CHECK-LABEL: define {{.*}} @fence_acq_rel(
// CHECK:      fence acq_rel
// CHECK:      call void @__ccsp_atomic_fence(i32 84, i32

void fence_seq_cst(void) { atomic_thread_fence(memory_order_seq_cst); }
// CHECK-LABEL: define {{.*}} @fence_seq_cst(
// CHECK:      fence seq_cst
// CHECK:      call void @__ccsp_atomic_fence(i32 85, i32

void signal_fence(void) { atomic_signal_fence(memory_order_seq_cst); }
// CHECK-LABEL: define {{.*}} @signal_fence(
// CHECK:      fence syncscope("singlethread") seq_cst
// CHECK:      call void @__ccsp_atomic_fence(i32 101, i32

// CHECK-DAG: declare void @__ccsp_atomic_begin(ptr)
// CHECK-DAG: declare void @__ccsp_atomic_end(ptr, i32, i32, i32)
// CHECK-DAG: declare void @__ccsp_atomic_fence(i32, i32)
