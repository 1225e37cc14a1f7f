// memcpy/memmove/memset intrinsics are range accesses: read of the source, write of the
// destination, with the length widened to 64 bits; stack buffers that never escape are skipped.
// RUN: %clang -O0 -g -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s --check-prefixes=CHECK,O0
// RUN: %clang -O2 -g -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s --check-prefixes=CHECK,O2
#include <string.h>

struct big { long a[6]; };
struct big gb;

void copy(char* dst, const char* src, unsigned n) { memcpy(dst, src, n); }
// CHECK-LABEL: define {{.*}} @copy(
// CHECK:      [[N:%.*]] = zext i32 {{%.*}} to i64
// CHECK:      call void @__ccsp_read_range(ptr [[SRC:%.*]], i64 [[N64:%.*]], i32 [[SITE:%.*]])
// CHECK-NEXT: call void @__ccsp_write_range(ptr [[DST:%.*]], i64 [[N64]], i32 [[SITE]])
// CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr {{.*}}[[DST]], ptr {{.*}}[[SRC]], i64

void move(char* dst, unsigned long n) { memmove(dst, dst + 1, n); }
// CHECK-LABEL: define {{.*}} @move(
// CHECK:      call void @__ccsp_read_range(ptr
// CHECK-NEXT: call void @__ccsp_write_range(ptr
// CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(

void clear(struct big* b) { memset(b, 0, sizeof *b); }
// CHECK-LABEL: define {{.*}} @clear(
// CHECK-NOT:  call void @__ccsp_read_range
// CHECK:      call void @__ccsp_write_range(ptr {{%.*}}, i64 48, i32
// CHECK-NEXT: call void @llvm.memset.p0.i64(

void assign(const struct big* b) { gb = *b; }
// CHECK-LABEL: define {{.*}} @assign(
// CHECK:      call void @__ccsp_read_range(ptr {{%.*}}, i64 48, i32
// CHECK-NEXT: call void @__ccsp_write_range(ptr @gb, i64 48, i32
// CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr {{.*}}@gb

long private_buffer(const struct big* b) {
  struct big local;
  memcpy(&local, b, sizeof local);
  return local.a[0] + local.a[5];
}
// The copy into a stack buffer that never escapes records only the read of the source (at -O2
// the copy is gone and only the two loads remain).
// CHECK-LABEL: define {{.*}} @private_buffer(
// O0:         call void @__ccsp_read_range(ptr {{%.*}}, i64 48, i32
// O0-NOT:     call void @__ccsp_write_range
// O0:         call void @llvm.memcpy.p0.p0.i64(
// O2:         call void @__ccsp_read8(
// O2:         call void @__ccsp_read8(
// CHECK-NOT:  call void @__ccsp_write
// CHECK:      ret i64
