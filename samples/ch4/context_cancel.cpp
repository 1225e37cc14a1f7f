// Cancellation with contexts: a timeout in one branch cancels the whole operation. main starts a
// greeting and a farewell task under one cancellable context. The greeting derives a context with a
// one-second timeout for its locale lookup, which would take a minute, so the lookup gives up with
// "context deadline exceeded"; the greeting task then cancels the shared context, and the farewell,
// waiting on the same slow lookup, stops with "context canceled". Cancellation flows from parent to
// child, never up, and the cancel happens-before every observation of done() or err(): ccsp reports
// no race. CCSP_SAMPLE_FAST uses a 20 ms timeout.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout cannot print greeting: context deadline exceeded
// EXPECT: stdout cannot print farewell: context canceled
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using Error = std::optional<ccsp::ctx_error>;

const auto kGreetingTimeout = std::getenv("CCSP_SAMPLE_FAST") ? 20ms : 1000ms;

// Looks up the locale; slow, but gives up when ctx is cancelled.
std::pair<std::string, Error> locale(const ccsp::context& ctx) {
  Error err;
  ccsp::select(ccsp::recv_case(ctx.done(), [&] { err = ctx.err(); }),
               ccsp::recv_case(ccsp::after(1min)));
  if (err) return {"", err};
  return {"EN/US", std::nullopt};
}

std::pair<std::string, Error> gen_greeting(const ccsp::context& parent) {
  auto [ctx, cancel] = ccsp::with_timeout(parent, kGreetingTimeout);
  auto [loc, err] = locale(ctx);
  cancel();
  if (err) return {"", err};
  return {loc == "EN/US" ? "hello" : "", std::nullopt};
}

std::pair<std::string, Error> gen_farewell(const ccsp::context& ctx) {
  auto [loc, err] = locale(ctx);
  if (err) return {"", err};
  return {loc == "EN/US" ? "goodbye" : "", std::nullopt};
}

int main() {
  ccsp::wait_group wg;
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());

  wg.add(2);
  ccsp::go([&, ctx = ctx, cancel = cancel] {
    auto [greeting, err] = gen_greeting(ctx);
    if (err) {
      std::printf("cannot print greeting: %s\n", ccsp::to_string(*err));
      cancel();
    } else {
      std::printf("%s world!\n", greeting.c_str());
    }
    wg.done();
  });
  ccsp::go([&, ctx = ctx] {
    auto [farewell, err] = gen_farewell(ctx);
    if (err) {
      std::printf("cannot print farewell: %s\n", ccsp::to_string(*err));
    } else {
      std::printf("%s world!\n", farewell.c_str());
    }
    wg.done();
  });
  wg.wait();
  cancel();
}
