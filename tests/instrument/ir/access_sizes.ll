; Plain loads and stores of every size: 1/2/4/8/16 bytes call __ccsp_readN/__ccsp_writeN
; (aligned or not, scalars or vectors), every other store size calls the range entry points.
; RUN: %opt -load-pass-plugin=%plugin -passes=ccsp-instrument -S %s | %FileCheck %s
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @sizes(ptr %p, ptr %q) {
  %a = load i8, ptr %p, align 1
  %b = load i16, ptr %p, align 1
  %c = load i32, ptr %p, align 4
  %d = load i64, ptr %p, align 1
  %e = load i128, ptr %p, align 16
  %f = load <4 x float>, ptr %p, align 4
  %g = load i1, ptr %p, align 1
  %h = load double, ptr %p, align 8
  %i = load ptr, ptr %p, align 8
  store i8 %a, ptr %q, align 1
  store i16 %b, ptr %q, align 2
  store i32 %c, ptr %q, align 1
  store i64 %d, ptr %q, align 8
  store i128 %e, ptr %q, align 1
  store <4 x float> %f, ptr %q, align 16
  ret void
}
; CHECK-LABEL: define void @sizes(
; CHECK:      call void @__ccsp_func_entry(i32
; CHECK:      call void @__ccsp_read1(ptr %p, i32
; CHECK-NEXT: load i8, ptr %p
; CHECK:      call void @__ccsp_read2(ptr %p, i32
; CHECK-NEXT: load i16
; CHECK:      call void @__ccsp_read4(ptr %p, i32
; CHECK-NEXT: load i32
; CHECK:      call void @__ccsp_read8(ptr %p, i32
; CHECK-NEXT: load i64
; CHECK:      call void @__ccsp_read16(ptr %p, i32
; CHECK-NEXT: load i128
; CHECK:      call void @__ccsp_read16(ptr %p, i32
; CHECK-NEXT: load <4 x float>
; CHECK:      call void @__ccsp_read1(ptr %p, i32
; CHECK-NEXT: load i1
; CHECK:      call void @__ccsp_read8(ptr %p, i32
; CHECK-NEXT: load double
; CHECK:      call void @__ccsp_read8(ptr %p, i32
; CHECK-NEXT: load ptr
; CHECK:      call void @__ccsp_write1(ptr %q, i32
; CHECK-NEXT: store i8
; CHECK:      call void @__ccsp_write2(ptr %q, i32
; CHECK-NEXT: store i16
; CHECK:      call void @__ccsp_write4(ptr %q, i32
; CHECK-NEXT: store i32
; CHECK:      call void @__ccsp_write8(ptr %q, i32
; CHECK-NEXT: store i64
; CHECK:      call void @__ccsp_write16(ptr %q, i32
; CHECK-NEXT: store i128
; CHECK:      call void @__ccsp_write16(ptr %q, i32
; CHECK-NEXT: store <4 x float>
; CHECK:      call void @__ccsp_func_exit()
; CHECK-NEXT: ret void

define void @odd_sizes(ptr %p, ptr %q) {
  %a = load i24, ptr %p, align 1
  %b = load x86_fp80, ptr %p, align 16
  %c = load <3 x i32>, ptr %p, align 4
  %d = load <8 x float>, ptr %p, align 32
  %e = load [5 x i8], ptr %p, align 1
  %f = load { i32, i8 }, ptr %p, align 4
  store i24 %a, ptr %q, align 1
  store x86_fp80 %b, ptr %q, align 16
  store <3 x i32> %c, ptr %q, align 4
  store <8 x float> %d, ptr %q, align 1
  store i48 0, ptr %q, align 2
  ret void
}
; CHECK-LABEL: define void @odd_sizes(
; CHECK:      call void @__ccsp_read_range(ptr %p, i64 3, i32
; CHECK-NEXT: load i24
; CHECK:      call void @__ccsp_read_range(ptr %p, i64 10, i32
; CHECK-NEXT: load x86_fp80
; CHECK:      call void @__ccsp_read_range(ptr %p, i64 12, i32
; CHECK-NEXT: load <3 x i32>
; CHECK:      call void @__ccsp_read_range(ptr %p, i64 32, i32
; CHECK-NEXT: load <8 x float>
; CHECK:      call void @__ccsp_read_range(ptr %p, i64 5, i32
; CHECK-NEXT: load [5 x i8]
; CHECK:      call void @__ccsp_read8(ptr %p, i32
; CHECK-NEXT: load { i32, i8 }
; CHECK:      call void @__ccsp_write_range(ptr %q, i64 3, i32
; CHECK-NEXT: store i24
; CHECK:      call void @__ccsp_write_range(ptr %q, i64 10, i32
; CHECK-NEXT: store x86_fp80
; CHECK:      call void @__ccsp_write_range(ptr %q, i64 12, i32
; CHECK-NEXT: store <3 x i32>
; CHECK:      call void @__ccsp_write_range(ptr %q, i64 32, i32
; CHECK-NEXT: store <8 x float>
; CHECK:      call void @__ccsp_write_range(ptr %q, i64 6, i32
; CHECK-NEXT: store i48

; Site ids are the module's base plus a local index: every runtime call loads the base.
define i32 @site_ids(ptr %p) {
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @site_ids(
; CHECK:      call void @__ccsp_func_entry(
; CHECK-NEXT: [[BASE:%.*]] = load i32, ptr @__ccsp.site_base
; CHECK-NEXT: [[SITE:%.*]] = add i32 [[BASE]], {{[0-9]+}}
; CHECK-NEXT: call void @__ccsp_read4(ptr %p, i32 [[SITE]])

; CHECK-DAG: declare void @__ccsp_read1(ptr, i32) [[NOUNWIND:#[0-9]+]]
; CHECK-DAG: declare void @__ccsp_read_range(ptr, i64, i32) [[NOUNWIND]]
; CHECK-DAG: attributes [[NOUNWIND]] = { nounwind }
