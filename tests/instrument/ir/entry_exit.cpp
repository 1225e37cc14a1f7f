// __ccsp_func_entry at entry and __ccsp_func_exit on every way out: each return, each resume
// of an existing landing pad, and unwinding out of calls that may throw (turned into invokes of
// a new cleanup pad that exits and resumes).
// RUN: %clangxx -O0 -g -fno-discard-value-names -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clangxx -O2 -g -fno-discard-value-names -fpass-plugin=%plugin -S -emit-llvm %s -o - | %FileCheck %s
#include <stdexcept>

int g;
__attribute__((noinline)) void may_throw(int x) {
  if (x > 3) throw std::runtime_error("x");
  g = x;
}
__attribute__((noinline)) void no_throw(int x) noexcept { g = x; }

// A may-throw call without a landing pad of its own.
int plain(int x) {
  may_throw(x);
  no_throw(x);
  return g;
}
// CHECK-LABEL: define {{.*}} @_Z5plaini(
// CHECK-SAME:  personality ptr @__gxx_personality_v0
// CHECK:       call void @__ccsp_func_entry(i32
// CHECK:       invoke void @_Z9may_throwi(
// CHECK-NEXT:  to label %{{.*}} unwind label %[[CLEANUP:ccsp_cleanup[0-9]*]]
// CHECK:       call void @_Z8no_throwi(
// CHECK:       call void @__ccsp_func_exit()
// CHECK-NEXT:  ret i32
// CHECK:       [[CLEANUP]]:
// CHECK-NEXT:  [[LP:%.*]] = landingpad { ptr, i32 }
// CHECK-NEXT:  cleanup
// CHECK-NEXT:  call void @__ccsp_func_exit()
// CHECK-NEXT:  resume { ptr, i32 } [[LP]]

struct Guard {
  ~Guard() { g++; }
};

// An existing landing pad (a destructor runs, then the exception continues) and a catch.
int with_handlers(int x) {
  Guard guard;
  try {
    may_throw(x);
  } catch (const std::runtime_error&) {
    return -1;
  }
  may_throw(x + 1);
  return g;
}
// CHECK-LABEL: define {{.*}} @_Z13with_handlersi(
// CHECK:       call void @__ccsp_func_entry(i32
// CHECK:       invoke void @_Z9may_throwi(
// CHECK:       landingpad { ptr, i32 }
// CHECK:       call void @__ccsp_func_exit()
// CHECK-NEXT:  ret i32
// CHECK:       call void @__ccsp_func_exit()
// CHECK-NEXT:  resume { ptr, i32 }
// CHECK:       {{^}}}

// Every return of a function with several.
int several_returns(int x) {
  if (x == 1) { may_throw(0); return 10; }
  if (x == 2) { may_throw(1); return 20; }
  may_throw(2);
  return 30;
}
// CHECK-LABEL: define {{.*}} @_Z15several_returnsi(
// CHECK:       call void @__ccsp_func_entry(i32
// CHECK-COUNT-1: call void @__ccsp_func_exit()
// CHECK:       ret i32
// CHECK:       call void @__ccsp_func_exit()
// CHECK-NEXT:  resume
