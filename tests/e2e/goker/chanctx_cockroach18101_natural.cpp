// GoKer cockroach#18101 (channel & context), NATURAL schedule: jobs are rarely cancelled
// while they run (here the cancel waits for restore on a relaxed flag, timing only); restore
// drains every span and nothing leaks. NOT PREDICTED: prediction covers lock-based cycles,
// not a send that would find no receiver.
// EXPECT: nothing
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

constexpr int kChanSize = 6;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> restored{false};

void split_and_scatter(const ccsp::context&, ccsp::chan<int> ready) {
  for (int i = 0; i < kChanSize + 2; ++i) {
    ready.send(i);
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
  ccsp::chan<std::monostate> cancelled;
  ccsp::go([cancel, cancelled] {
    while (!restored.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    cancel();
    cancelled.close();
  });
  restore(ctx);
  restored.store(true, std::memory_order_relaxed);
  cancelled.recv();
}
