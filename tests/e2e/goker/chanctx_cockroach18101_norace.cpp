// GoKer cockroach#18101 (channel & context), FIXED as upstream did: the producer selects on
// the context too and stops when it is done. Run in the forced schedule (cancelled first).
// EXPECT: nothing
#include <ccsp/ccsp.hpp>

constexpr int kChanSize = 6;

void split_and_scatter(const ccsp::context& ctx, ccsp::chan<int> ready) {
  for (int i = 0; i < kChanSize + 2; ++i) {
    bool cancelled = false;
    ccsp::select(ccsp::send_case(ready, i), ccsp::recv_case(ctx.done(), [&] { cancelled = true; }));
    if (cancelled) return;
  }
}

int restore(const ccsp::context& ctx, ccsp::chan<std::monostate> producer_done) {
  ccsp::chan<int> ready(kChanSize);
  ccsp::go([ctx, ready, producer_done] {
    split_and_scatter(ctx, ready);
    ready.close();
    producer_done.close();
  });
  int imported = 0;
  for (int span : ready) {
    if (ctx.err()) return imported;
    imported += span;
  }
  return imported;
}

int main() {
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  cancel();
  ccsp::chan<std::monostate> producer_done;
  restore(ctx, producer_done);
  producer_done.recv();
}
