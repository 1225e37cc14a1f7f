// The canceller writes after cancel: observing done() does not order that write, a race.
// EXPECT: race 15 19
#include <ccsp/ccsp.hpp>

#include <cstdio>

int reason;

int main() {
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([cancel = cancel, &wg] {
    cancel();
    reason = 1;               // (A) after cancel
    wg.done();
  });
  ctx.done().recv();          // returns when done() is closed
  int seen = reason;          // (B)
  wg.wait();
  std::printf("%d\n", seen);
}
