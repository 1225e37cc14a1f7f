// The loop-variable fix: each task captures its own copy of `i`. The copy is made when the task is
// created (`[i, &wg]`), so every task prints a different number — 0, 1 and 2 in some order — and no
// task reads memory the loop writes. ccsp::go copies its callable as std::thread does, so passing
// `i` as an argument (`ccsp::go(f, i)`) works too. ccsp reports no race. The racy original is
// loop_capture_ref.cpp.
//
// EXPECT: no-race
#include <ccsp/ccsp.hpp>
#include <cstdio>

int main() {
  ccsp::wait_group wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    ccsp::go([i, &wg] {
      std::printf("task sees i = %d\n", i);
      wg.done();
    });
  }
  wg.wait();
}
