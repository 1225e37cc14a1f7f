// lostcancel, negative: cancel called on every path, handed to a task, returned, stored,
// or a path that ends in a throw, std::abort or a library macro's hidden return (ASSERT_*).
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

#include "fake_test_macros.h"

using namespace std::chrono_literals;

int Straight(const ccsp::context& parent) {
  auto [ctx, cancel] = ccsp::with_timeout(parent, 1s);
  int r = ctx.err() ? 1 : 0;
  cancel();
  return r;
}

int Branches(const ccsp::context& parent, bool quick) {
  auto [ctx, cancel] = ccsp::with_cancel(parent);
  if (quick) {
    cancel();
    return 0;
  }
  cancel();
  return 1;
}

std::pair<ccsp::context, ccsp::cancel_func> Returned(const ccsp::context& parent) {
  return ccsp::with_cancel(parent);
}

ccsp::cancel_func ReturnedCancel(const ccsp::context& parent) {
  auto [ctx, cancel] = ccsp::with_cancel(parent);
  return cancel;
}

void Stored(const ccsp::context& parent, std::vector<ccsp::cancel_func>& cancels) {
  auto [ctx, cancel] = ccsp::with_timeout(parent, 1s);
  cancels.push_back(cancel);
}

void HandedToTask(const ccsp::context& parent, ccsp::wait_group& wg) {
  auto [ctx, cancel] = ccsp::with_cancel(parent);
  wg.add(1);
  ccsp::go([&wg, cancel = cancel] {
    cancel();
    wg.done();
  });
}

int Fails(const ccsp::context& parent, int mode) {
  auto [ctx, cancel] = ccsp::with_cancel(parent);
  if (mode == 1) throw std::runtime_error("bad mode");
  if (mode == 2) std::abort();
  cancel();
  return 0;
}

void AssertFails(const ccsp::context& parent) {
  auto [ctx, cancel] = ccsp::with_timeout(parent, 1s);
  FAKE_ASSERT_TRUE(ctx.deadline());
  cancel();
}

int main() {
  ccsp::context bg = ccsp::background();
  std::vector<ccsp::cancel_func> cancels;
  ccsp::wait_group wg;
  Straight(bg);
  Branches(bg, true);
  Returned(bg).second();
  ReturnedCancel(bg)();
  Stored(bg, cancels);
  HandedToTask(bg, wg);
  Fails(bg, 0);
  AssertFails(bg);
  wg.wait();
  for (auto& c : cancels) c();
}
