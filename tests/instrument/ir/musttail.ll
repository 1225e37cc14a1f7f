; A musttail call must stay immediately before its ret: the exit call and the call-site store go
; before it, and the result still verifies.
; RUN: %opt -load-pass-plugin=%plugin -passes=ccsp-instrument,verify -S %s | %FileCheck %s
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare i32 @target(ptr, i32)

define i32 @thunk(ptr %this, i32 %x) {
  %v = load i32, ptr %this, align 4
  %r = musttail call i32 @target(ptr %this, i32 %v)
  ret i32 %r
}
; CHECK-LABEL: define i32 @thunk(
; CHECK:      call void @__ccsp_func_entry(
; CHECK:      call void @__ccsp_read4(ptr %this
; CHECK:      store i32 {{%.*}}, ptr {{%.*}}
; CHECK-NEXT: call void @__ccsp_func_exit()
; CHECK-NEXT: %r = musttail call i32 @target(ptr %this, i32 %v)
; CHECK-NEXT: ret i32 %r
