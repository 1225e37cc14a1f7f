; Atomic loads and stores scoped to one thread (signal handlers) synchronize with no other task
; and count as plain accesses, as in ThreadSanitizer; single-thread RMWs stay atomic. Atomics on
; the runtime's own globals are left alone. The kind/order word of a cmpxchg is chosen at run
; time from its success bit.
; RUN: %opt -load-pass-plugin=%plugin -passes=ccsp-instrument -S %s | %FileCheck %s
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__ccsp_flag = global i32 0

define i32 @scopes(ptr %p, ptr %q) {
  %a = load atomic i32, ptr %p syncscope("singlethread") acquire, align 4
  store atomic i32 %a, ptr %q syncscope("singlethread") release, align 4
  %b = atomicrmw add ptr %p, i32 1 syncscope("singlethread") seq_cst, align 4
  %c = load atomic i32, ptr @__ccsp_flag acquire, align 4
  %r = add i32 %b, %c
  ret i32 %r
}
; CHECK-LABEL: define i32 @scopes(
; CHECK:      call void @__ccsp_read4(ptr %p
; CHECK-NEXT: load atomic i32, ptr %p syncscope("singlethread") acquire
; CHECK:      call void @__ccsp_write4(ptr %q
; CHECK-NEXT: store atomic i32 %a, ptr %q syncscope("singlethread") release
; CHECK:      call void @__ccsp_atomic_begin(ptr %p)
; CHECK-NEXT: atomicrmw add ptr %p, i32 1 syncscope("singlethread") seq_cst
; CHECK:      call void @__ccsp_atomic_end(ptr %p, i32 37, i32 4, i32
; CHECK-NOT:  call void @__ccsp_atomic_begin(ptr @__ccsp_flag)
; CHECK:      ret i32

define i1 @cas(ptr %p, i64 %old, i64 %new) {
  %pair = cmpxchg ptr %p, i64 %old, i64 %new seq_cst seq_cst, align 8
  %ok = extractvalue { i64, i1 } %pair, 1
  ret i1 %ok
}
; CHECK-LABEL: define i1 @cas(
; CHECK:      call void @__ccsp_atomic_begin(ptr %p)
; CHECK-NEXT: %pair = cmpxchg ptr %p, i64 %old, i64 %new seq_cst seq_cst
; CHECK-NEXT: [[OK:%.*]] = extractvalue { i64, i1 } %pair, 1
; CHECK-NEXT: [[KO:%.*]] = select i1 [[OK]], i32 53, i32 69
; CHECK:      call void @__ccsp_atomic_end(ptr %p, i32 [[KO]], i32 8, i32
; CHECK-NEXT: %ok = extractvalue { i64, i1 } %pair, 1
