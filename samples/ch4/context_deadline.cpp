// Failing fast with a context's deadline. The greeting/farewell program of context_cancel.cpp, but
// the locale lookup first checks ctx.deadline() and, knowing it needs about a minute while the
// greeting allows one second, returns "context deadline exceeded" at once instead of waiting for
// the timeout; the greeting fails immediately and cancels the farewell. A deadline is data every
// callee can read, and checking it up front saves the wait. ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout cannot print greeting: context deadline exceeded
// EXPECT: stdout cannot print farewell: context canceled
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using Error = std::optional<ccsp::ctx_error>;

constexpr auto kLookupTime = 1min;

std::pair<std::string, Error> locale(const ccsp::context& ctx) {
  if (auto deadline = ctx.deadline();
      deadline && *deadline < std::chrono::steady_clock::now() + kLookupTime) {
    return {"", ccsp::ctx_error::deadline_exceeded};  // cannot finish in time: do not start
  }
  Error err;
  ccsp::select(ccsp::recv_case(ctx.done(), [&] { err = ctx.err(); }),
               ccsp::recv_case(ccsp::after(kLookupTime)));
  if (err) return {"", err};
  return {"EN/US", std::nullopt};
}

std::pair<std::string, Error> gen_greeting(const ccsp::context& parent) {
  auto [ctx, cancel] = ccsp::with_timeout(parent, 1s);
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
