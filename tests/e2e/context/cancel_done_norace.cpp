// Context cancel happens-before everyone who observes done() or err(): the reason written
// before cancelling is visible, no race; err() is non-empty after cancellation.
// EXPECT: no-race
// EXPECT: stdout reason 1 canceled
#include <ccsp/ccsp.hpp>

#include <cstdio>

int reason;

int main() {
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  ccsp::go([cancel = cancel] {
    reason = 1;
    cancel();
  });
  ccsp::select(ccsp::recv_case(ctx.done(), [](auto) {}));
  std::printf("reason %d %s\n", reason, ctx.err() ? "canceled" : "none");
}
