// lostcancel, positive: cancel functions never called, skipped on an early return, or
// discarded outright (go vet's lostcancel).
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

int Never(const ccsp::context& parent) {
  auto [ctx, cancel] = ccsp::with_cancel(parent);  // VET: lostcancel
  return ctx.err() ? 1 : 0;
}

int EarlyReturn(const ccsp::context& parent, bool quick) {
  auto [ctx, cancel] = ccsp::with_timeout(parent, 100ms);  // VET: lostcancel
  if (quick) return 0;
  int r = ctx.err() ? 1 : 2;
  cancel();
  return r;
}

ccsp::context Discarded(const ccsp::context& parent) {
  return ccsp::with_timeout(parent, 1s).first;  // VET: lostcancel
}

void DiscardedAll(const ccsp::context& parent) {
  ccsp::with_cancel(parent);  // VET: lostcancel
}

void Pair(const ccsp::context& parent) {
  auto p = ccsp::with_deadline(parent, std::chrono::steady_clock::now() + 1s);  // VET: lostcancel
  std::printf("%d\n", p.first.err() ? 1 : 0);
}

int main() {
  ccsp::context bg = ccsp::background();
  Never(bg);
  EarlyReturn(bg, true);
  Discarded(bg);
  DiscardedAll(bg);
  Pair(bg);
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&] {
    auto [ctx, stop] = ccsp::with_cancel(bg);  // VET: lostcancel
    std::printf("%d\n", ctx.err() ? 1 : 0);
    wg.done();
  });
  wg.wait();
}
