// Timeouts and cancellation: preemptable steps and all-or-nothing results. A long computation is
// split into small steps and checks its context between them, accumulates into a local result and
// publishes it only when complete (so a cancelled run leaves no half-written shared state), and
// reports why it stopped. With a 50 ms budget the work is cancelled part-way and nothing is
// published; with plenty of time it completes. The result is published under a mutex and read after
// the task's wait group: ccsp reports no race. CCSP_SAMPLE_FAST shortens budgets and steps.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout cancelled after
// EXPECT: stdout completed: 100 values published
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

const bool kFast = std::getenv("CCSP_SAMPLE_FAST") != nullptr;
const auto kStep = kFast ? 100us : 1ms;

struct Shared {
  std::mutex mu;
  std::vector<long> published;  // all or nothing
};

// Computes 100 values, one small step at a time; publishes them only if all were computed.
std::optional<ccsp::ctx_error> compute(const ccsp::context& ctx, Shared& shared, int& steps) {
  std::vector<long> local;
  for (steps = 0; steps < 100; ++steps) {
    std::optional<ccsp::ctx_error> err;
    ccsp::select(ccsp::recv_case(ctx.done(), [&] { err = ctx.err(); }), ccsp::default_case());
    if (err) return err;
    ccsp::sleep(kStep);  // one non-preemptable piece of work
    local.push_back(static_cast<long>(steps) * steps);
  }
  std::lock_guard lock(shared.mu);
  shared.published = std::move(local);
  return std::nullopt;
}

void run(std::chrono::milliseconds budget) {
  Shared shared;
  auto [ctx, cancel] = ccsp::with_timeout(ccsp::background(), budget);
  std::optional<ccsp::ctx_error> err;
  int steps = 0;
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&, ctx = ctx] {
    err = compute(ctx, shared, steps);
    wg.done();
  });
  wg.wait();
  cancel();
  std::lock_guard lock(shared.mu);
  if (err) {
    std::printf("cancelled after %d of 100 steps (%s); %zu values published\n", steps,
                ccsp::to_string(*err), shared.published.size());
  } else {
    std::printf("completed: %zu values published\n", shared.published.size());
  }
}

int main() {
  run(kFast ? 5ms : 50ms);
  run(kFast ? 2000ms : 10000ms);
}
