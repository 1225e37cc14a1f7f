// The optimizer must not turn a guarded load into an unconditional one: `ready ? data : -1`
// at -O2 becomes, without the speculation guard, a load of `data` before `ready` is tested
// (and a recorded read the program never makes). With it, `data` is read only on the branch
// where `ready` is set, as the source says; every function is marked sanitize_thread.
// RUN: %clangxx -O2 -fno-discard-value-names -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clangxx -O0 -fno-discard-value-names -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s --check-prefix=O0
int data;
int ready;

// CHECK: define {{.*}}@_Z6Readerv() {{.*}}#[[ATTR:[0-9]+]]
// CHECK: load i32, ptr @ready
// CHECK: br i1
// CHECK: call void @__ccsp_read4(ptr @data
// CHECK-NEXT: load i32, ptr @data
// CHECK: phi i32
// O0: define {{.*}}@_Z6Readerv() {{.*}}#[[ATTR:[0-9]+]]
int Reader() { return ready ? data : -1; }

// CHECK: attributes #[[ATTR]] = {{{.*}}sanitize_thread
// O0: attributes #[[ATTR]] = {{{.*}}sanitize_thread
