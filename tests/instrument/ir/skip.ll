; What the pass leaves alone, as ThreadSanitizer does: non-escaping stack slots, reads of
; constant globals, invariant loads, vtable pointers and vtable slots, the tools' own globals,
; other address spaces, reads covered by a later write, and functions that opt out. Running
; the pass twice instruments once.
; RUN: %opt -load-pass-plugin=%plugin -passes=ccsp-instrument -S %s | %FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin -passes=ccsp-instrument,ccsp-instrument -S %s \
; RUN:   | %FileCheck %s --check-prefix=TWICE
; RUN: %opt -load-pass-plugin=%plugin -passes=ccsp-instrument -stats -disable-output %s 2>&1 \
; RUN:   | %FileCheck %s --check-prefix=STATS
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@const_table = constant [4 x i32] [i32 1, i32 2, i32 3, i32 4]
@counter = global i32 0
@__ccsp_runtime_state = global i32 0
@llvm.used.like = global i32 0

declare void @escape(ptr) nounwind

define i32 @stack_slots(i32 %x) {
  %private = alloca i32, align 4
  %shared = alloca i32, align 4
  store i32 %x, ptr %private, align 4
  store i32 %x, ptr %shared, align 4
  call void @escape(ptr %shared)
  %a = load i32, ptr %private, align 4
  %b = load i32, ptr %shared, align 4
  %s = add i32 %a, %b
  ret i32 %s
}
; CHECK-LABEL: define i32 @stack_slots(
; CHECK-NOT:  call void @__ccsp_write4(ptr %private
; CHECK:      call void @__ccsp_write4(ptr %shared
; CHECK-NOT:  call void @__ccsp_read4(ptr %private
; CHECK:      call void @__ccsp_read4(ptr %shared
; CHECK:      ret i32

define i32 @constants(i64 %i) {
  %p = getelementptr [4 x i32], ptr @const_table, i64 0, i64 %i
  %a = load i32, ptr %p, align 4
  %b = load i32, ptr @counter, align 4, !invariant.load !0
  %c = load i32, ptr @__ccsp_runtime_state, align 4
  store i32 %a, ptr @__ccsp_runtime_state, align 4
  %d = load i32, ptr @counter, align 4
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  ret i32 %s3
}
; CHECK-LABEL: define i32 @constants(
; CHECK-NOT:  call void @__ccsp_read4(ptr %p
; CHECK-NOT:  call void @__ccsp_{{read|write}}4(ptr @__ccsp_runtime_state
; CHECK:      call void @__ccsp_read4(ptr @counter
; CHECK-NEXT: %d = load i32, ptr @counter
; CHECK-NOT:  call void @__ccsp_read
; CHECK:      ret i32

define void @vtables(ptr %obj) {
  %vptr = load ptr, ptr %obj, align 8, !tbaa !1
  %slot = getelementptr inbounds ptr, ptr %vptr, i64 2
  %fn = load ptr, ptr %slot, align 8
  call void %fn(ptr %obj) nounwind
  store ptr null, ptr %obj, align 8, !tbaa !1
  ret void
}
; The vptr load and the slot load are skipped; the vptr store (constructors) is not.
; CHECK-LABEL: define void @vtables(
; CHECK-NOT:  call void @__ccsp_read
; CHECK:      call void %fn(ptr %obj)
; CHECK:      call void @__ccsp_write8(ptr %obj
; CHECK-NEXT: store ptr null, ptr %obj

define void @address_space(ptr addrspace(1) %p) {
  store i32 1, ptr addrspace(1) %p, align 4
  ret void
}
; CHECK-LABEL: define void @address_space(
; CHECK-NOT:  call void @__ccsp
; CHECK:      ret void

define swiftcc void @swift_error(ptr swifterror %err) {
  store ptr null, ptr %err, align 8
  ret void
}
; CHECK-LABEL: define swiftcc void @swift_error(
; CHECK-NOT:  call void @__ccsp
; CHECK:      ret void

define void @read_before_write(ptr %p, ptr %q) {
  %a = load i32, ptr %p, align 4
  %a1 = add i32 %a, 1
  store i32 %a1, ptr %p, align 4
  %b = load i64, ptr %q, align 8
  store i32 0, ptr %q, align 4
  ret void
}
; The read of %p is covered by the write; the 8-byte read of %q is not covered by a 4-byte write.
; CHECK-LABEL: define void @read_before_write(
; CHECK-NOT:  call void @__ccsp_read4(ptr %p
; CHECK:      call void @__ccsp_write4(ptr %p
; CHECK:      call void @__ccsp_read8(ptr %q
; CHECK:      call void @__ccsp_write4(ptr %q

define void @read_call_write(ptr %p) {
  %a = load i32, ptr %p, align 4
  call void @escape(ptr null)
  store i32 %a, ptr %p, align 4
  %b = load i32, ptr %p, align 4
  fence acquire
  store i32 %b, ptr %p, align 4
  ret void
}
; A call or a fence between a read and a write can order another task's access in between.
; CHECK-LABEL: define void @read_call_write(
; CHECK:      call void @__ccsp_read4(ptr %p
; CHECK:      call void @escape
; CHECK:      call void @__ccsp_write4(ptr %p
; CHECK:      call void @__ccsp_read4(ptr %p
; CHECK:      fence acquire
; CHECK:      call void @__ccsp_write4(ptr %p

define i32 @opted_out(ptr %p) disable_sanitizer_instrumentation {
  %a = load i32, ptr %p, align 4
  call void @escape(ptr %p)
  ret i32 %a
}
; CHECK-LABEL: define i32 @opted_out(
; CHECK-NOT:  __ccsp
; CHECK:      ret i32

define i32 @leaf(i32 %x) {
  %y = mul i32 %x, %x
  ret i32 %y
}
; A function that records nothing and calls nothing needs no frame.
; CHECK-LABEL: define i32 @leaf(
; CHECK-NOT:  __ccsp
; CHECK:      ret i32

define available_externally i32 @elsewhere(ptr %p) {
  %a = load i32, ptr %p, align 4
  ret i32 %a
}
; CHECK-LABEL: define available_externally i32 @elsewhere(
; CHECK-NOT:  __ccsp
; CHECK:      ret i32

define void @__ccsp_runtime_helper(ptr %p) {
  store i32 0, ptr %p, align 4
  ret void
}
; CHECK-LABEL: define void @__ccsp_runtime_helper(
; CHECK-NOT:  call void @__ccsp
; CHECK:      ret void

; The module constructor itself is not instrumented.
; CHECK-LABEL: define internal void @__ccsp.module_ctor()
; CHECK-NEXT:  call void @__ccsp_register_module(
; CHECK-NEXT:  ret void

; TWICE:       @llvm.global_ctors = appending global [1 x
; TWICE-LABEL: define void @read_before_write(
; TWICE:       call void @__ccsp_func_entry(
; TWICE-NOT:   call void @__ccsp_func_entry(
; TWICE:       call void @__ccsp_write4(ptr %p
; TWICE-NOT:   call void @__ccsp_write4(ptr %p
; TWICE:       ret void
; TWICE-NOT:   define internal void @__ccsp.module_ctor.1

; STATS-DAG: 2 ccsp-instrument - Accesses to non-escaping stack slots omitted
; STATS-DAG: 2 ccsp-instrument - Reads of constant globals and invariant memory omitted
; STATS-DAG: 1 ccsp-instrument - Vtable pointer loads omitted
; STATS-DAG: 1 ccsp-instrument - Reads from vtables omitted
; STATS-DAG: 2 ccsp-instrument - Accesses to runtime/LLVM/profiling globals omitted
; STATS-DAG: 2 ccsp-instrument - Accesses in other address spaces or to swifterror omitted
; STATS-DAG: 1 ccsp-instrument - Reads omitted because a write to the same address follows
; STATS-DAG: 3 ccsp-instrument - Functions without accesses or calls (no entry/exit needed)
; STATS-DAG: 1 ccsp-instrument - Globals table entries
; STATS-DAG: 3 ccsp-instrument - Functions skipped (naked, opted out, runtime, not emitted here)

!0 = !{}
!1 = !{!2, !2, i64 0}
!2 = !{!"vtable pointer", !3, i64 0}
!3 = !{!"Simple C++ TBAA"}
