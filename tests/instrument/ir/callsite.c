// Before every call that can reach instrumented code or an interceptor, the call's site id is
// stored into the initial-exec TLS variable __ccsp_callsite (the callee's __ccsp_func_entry
// consumes it). Intrinsics and inline asm get no store; the pass's own runtime calls neither.
// RUN: %clang -O0 -g -fno-discard-value-names -I%rtinclude -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clang -O2 -g -fno-discard-value-names -I%rtinclude -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s
#include <string.h>

#include "ccsp/abi.h"

// CHECK: @__ccsp_callsite = external thread_local(initialexec) global i32

void external(int);
void (*callback)(int);

void calls(char* dst, const char* src, unsigned long n) {
  external(1);
  callback(2);
  memcpy(dst, src, n);
  __asm__ volatile("" ::: "memory");
  __ccsp_sync(0, dst, 1, 2);
}
// CHECK-LABEL: define {{.*}} @calls(
// CHECK:      call void @__ccsp_func_entry(
// CHECK:      [[BASE:%.*]] = load i32, ptr @__ccsp.site_base
// CHECK-NEXT: [[SITE:%.*]] = add i32 [[BASE]], [[LOCAL:[0-9]+]]
// CHECK-NEXT: [[TLS:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__ccsp_callsite)
// CHECK-NEXT: store i32 [[SITE]], ptr [[TLS]]
// CHECK-NEXT: call void @external(i32 noundef 1)
// CHECK:      [[TLS2:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__ccsp_callsite)
// CHECK-NEXT: store i32 {{%.*}}, ptr [[TLS2]]
// CHECK-NEXT: call void {{%.*}}(i32 noundef 2)
// CHECK-NOT:  @__ccsp_callsite
// CHECK:      call void @llvm.memcpy
// CHECK-NOT:  @__ccsp_callsite
// CHECK:      call void asm sideeffect
// CHECK:      [[TLS3:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__ccsp_callsite)
// CHECK-NEXT: store i32 {{%.*}}, ptr [[TLS3]]
// CHECK-NEXT: call void @__ccsp_sync(
// CHECK-NOT:  @__ccsp_callsite
// CHECK:      call void @__ccsp_func_exit()
// CHECK-NEXT: ret void

