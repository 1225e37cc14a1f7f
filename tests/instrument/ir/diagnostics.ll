; Problems a user can cause are reported through the LLVM context: a declaration of a runtime
; entry point (or of __ccsp_callsite) that contradicts <ccsp/abi.h> is an error; an access the
; pass cannot describe (a scalable vector) is a warning and stays uninstrumented.
; RUN: %split_file %s %t
; RUN: %not %opt -load-pass-plugin=%plugin -passes=ccsp-instrument -disable-output %t/bad_decl.ll 2>&1 \
; RUN:   | %FileCheck %s --check-prefix=BADDECL
; RUN: %not %opt -load-pass-plugin=%plugin -passes=ccsp-instrument -disable-output %t/bad_tls.ll 2>&1 \
; RUN:   | %FileCheck %s --check-prefix=BADTLS
; RUN: %opt -load-pass-plugin=%plugin -passes=ccsp-instrument -S %t/scalable.ll 2>%t/warn.txt \
; RUN:   | %FileCheck %s --check-prefix=SCALABLE
; RUN: %FileCheck %s --check-prefix=WARN < %t/warn.txt

; BADDECL: error: ccsp: '__ccsp_read4' is declared with a type that differs from the runtime ABI (ccsp/abi.h)
; BADTLS: error: ccsp: '__ccsp_callsite' is defined here but is not the runtime's thread-local uint32_t
; WARN: warning: {{.*}}ccsp: an access to a scalable vector is not instrumented
; SCALABLE-LABEL: define void @scalable(
; SCALABLE-NOT:   call void @__ccsp_{{read|write}}
; SCALABLE:       load <vscale x 4 x i32>

;--- bad_decl.ll
target triple = "x86_64-pc-linux-gnu"
declare void @__ccsp_read4(i64)
define i32 @f(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}

;--- bad_tls.ll
target triple = "x86_64-pc-linux-gnu"
@__ccsp_callsite = global i64 0
declare void @g()
define void @f() {
  call void @g()
  ret void
}

;--- scalable.ll
target triple = "x86_64-pc-linux-gnu"
define void @scalable(ptr %p, ptr %q) {
  %v = load <vscale x 4 x i32>, ptr %p
  store i32 0, ptr %q
  ret void
}
