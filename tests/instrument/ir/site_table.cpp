// The site table and the globals table, as the runtime receives them (dumped by the test
// runtime): demangled names, file and line, the inlined-at chain of inlined code, function
// sites flagged, and names even without debug info.
// RUN: %clangxx -O0 -gline-tables-only -fdebug-info-for-profiling -fpass-plugin=%plugin \
// RUN:   %s -o %t.O0 -Wl,--whole-archive %fake_rt -Wl,--no-whole-archive -lpthread
// RUN: CCSP_FAKE_RT_OUT=%t.O0.txt %t.O0 && %FileCheck %s --check-prefixes=CHECK,TABLES < %t.O0.txt
// RUN: %clangxx -O2 -gline-tables-only -fdebug-info-for-profiling -fpass-plugin=%plugin \
// RUN:   %s -o %t.O2 -Wl,--whole-archive %fake_rt -Wl,--no-whole-archive -lpthread
// RUN: CCSP_FAKE_RT_OUT=%t.O2.txt %t.O2 && %FileCheck %s --check-prefixes=CHECK,TABLES < %t.O2.txt
// RUN: %clangxx -O1 -g -fpass-plugin=%plugin \
// RUN:   %s -o %t.full -Wl,--whole-archive %fake_rt -Wl,--no-whole-archive -lpthread
// RUN: CCSP_FAKE_RT_OUT=%t.full.txt %t.full && %FileCheck %s --check-prefixes=CHECK,FULL < %t.full.txt
// RUN: %clangxx -O1 -g0 -fpass-plugin=%plugin \
// RUN:   %s -o %t.nodebug -Wl,--whole-archive %fake_rt -Wl,--no-whole-archive -lpthread
// RUN: CCSP_FAKE_RT_OUT=%t.nodebug.txt %t.nodebug && %FileCheck %s --check-prefix=NODEBUG < %t.nodebug.txt
#include <cstdio>

namespace shapes {
template <class T>
struct Box {
  T value;
  __attribute__((always_inline)) T get() const {
    return value;
  }
};
}  // namespace shapes

int counter = 1;
namespace ns {
long total;
}
struct Widget {
  static int instances;
};
int Widget::instances;

__attribute__((noinline)) int use(const shapes::Box<int>& box) {
  return box.get() + counter;
}

int main() {
  shapes::Box<int>* box = new shapes::Box<int>{41};
  static int calls;
  ++calls;
  ns::total += use(*box);
  ++Widget::instances;
  std::printf("%ld %d %d\n", ns::total, calls, Widget::instances);
  delete box;
  return 0;
}

// CHECK: module {{.*}}site_table.cpp sites=[[#]] globals=4
// Functions are sites with flags=1, at the line of their definition.
// CHECK-DAG: fn=use(shapes::Box<int> const&) file={{.*}}site_table.cpp line=37 col=0 inlined_at=0 flags=1
// CHECK-DAG: fn=main file={{.*}}site_table.cpp line=41 col=0 inlined_at=0 flags=1
// Inlined code: the read of box.value is named after Box<int>::get() at line 23 and points at
// the call in use() at line 38.
// CHECK-DAG: site [[#CALL:]] fn=use(shapes::Box<int> const&) file={{.*}}site_table.cpp line=38 col=14 inlined_at=0 flags=0
// CHECK-DAG: fn=shapes::Box<int>::get() const file={{.*}}site_table.cpp line=23 col=12 inlined_at=[[#CALL+1]] flags=0
// Globals: demangled names; with line tables only, no definition line.
// TABLES-DAG: global counter size=4 file= line=0
// TABLES-DAG: global ns::total size=8 file= line=0
// TABLES-DAG: global Widget::instances size=4 file= line=0
// TABLES-DAG: global main::calls size=4 file= line=0
// FULL-DAG: global counter size=4 file={{.*}}site_table.cpp line=28
// FULL-DAG: global ns::total size=8 file={{.*}}site_table.cpp line=30
// FULL-DAG: global Widget::instances size=4 file={{.*}}site_table.cpp line=35
// FULL-DAG: global main::calls size=4 file={{.*}}site_table.cpp line=43
// CHECK: errors=0

// NODEBUG: module {{.*}}site_table.cpp
// NODEBUG-DAG: fn=use(shapes::Box<int> const&) file= line=0 col=0 inlined_at=0 flags=1
// NODEBUG-DAG: fn=main file= line=0 col=0 inlined_at=0 flags=1
// NODEBUG-DAG: fn=use(shapes::Box<int> const&) file= line=0 col=0 inlined_at=0 flags=0
// NODEBUG-DAG: global ns::total size=8 file= line=0
// NODEBUG-DAG: global main::calls size=4 file= line=0
// NODEBUG: errors=0
