// GoKer cockroach#18101 (channel & context). restore reads spans from a buffered channel
// filled by a split-and-scatter task and returns as soon as its context is cancelled; the
// producer does not watch the context, fills the buffer and blocks on its next send.
// FORCED: the job is cancelled before it starts; main returns: a leaked task.
// EXPECT: leak 15
#include <ccsp/ccsp.hpp>
#include <chrono>

using namespace std::chrono_literals;

constexpr int kChanSize = 6;

void split_and_scatter(const ccsp::context&, ccsp::chan<int> ready) {
  for (int i = 0; i < kChanSize + 2; ++i) {
    ready.send(i);  // (A) the buffer is full and restore stopped reading
  }
}

int restore(const ccsp::context& ctx) {
  ccsp::chan<int> ready(kChanSize);
  ccsp::go([ctx, ready] {
    split_and_scatter(ctx, ready);
    ready.close();
  });
  int imported = 0;
  for (int span : ready) {
    if (ctx.err()) return imported;  // cancelled: stop importing
    imported += span;
  }
  return imported;
}

int main() {
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  cancel();  // forcing: the job is cancelled before it starts
  restore(ctx);
  ccsp::sleep(100ms);  // the producer is stuck by now
}
