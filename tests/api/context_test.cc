// Contexts against Go's context package: cancellation through a tree, double cancel, errors,
// deadlines and timeouts, background's nil done channel.
#include <gtest/gtest.h>

#include <ccsp/ccsp.hpp>
#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;

bool IsDone(const ccsp::context& c) {
  return ccsp::select(ccsp::recv_case(c.done()), ccsp::default_case()) == 0;
}

TEST(Context, BackgroundIsNeverCancelled) {
  auto ctx = ccsp::background();
  EXPECT_TRUE(ctx.done().is_nil());
  EXPECT_EQ(ctx.err(), std::nullopt);
  EXPECT_EQ(ctx.deadline(), std::nullopt);
  EXPECT_FALSE(IsDone(ctx));
}

TEST(Context, CancelClosesDoneAndSetsErr) {
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  EXPECT_FALSE(ctx.done().is_nil());
  EXPECT_FALSE(IsDone(ctx));
  EXPECT_EQ(ctx.err(), std::nullopt);
  cancel();
  EXPECT_TRUE(IsDone(ctx));
  EXPECT_EQ(ctx.done().recv(), std::nullopt);
  EXPECT_EQ(ctx.err(), ccsp::ctx_error::canceled);
  cancel();  // harmless
  EXPECT_EQ(ctx.err(), ccsp::ctx_error::canceled);
  EXPECT_STREQ(ccsp::to_string(*ctx.err()), "context canceled");
}

TEST(Context, CancelPropagatesDownATreeNotUp) {
  auto root = ccsp::background();
  auto [a, cancel_a] = ccsp::with_cancel(root);
  auto [b, cancel_b] = ccsp::with_cancel(a);
  auto [c, cancel_c] = ccsp::with_cancel(a);
  auto [d, cancel_d] = ccsp::with_cancel(b);
  auto [e, cancel_e] = ccsp::with_timeout(c, 1h);

  cancel_b();  // b and d, not a, c, e
  EXPECT_TRUE(IsDone(b));
  EXPECT_TRUE(IsDone(d));
  EXPECT_FALSE(IsDone(a));
  EXPECT_FALSE(IsDone(c));
  EXPECT_FALSE(IsDone(e));

  cancel_a();  // everything below a
  for (const auto* ctx : {&a, &b, &c, &d, &e}) {
    EXPECT_TRUE(IsDone(*ctx));
    EXPECT_EQ(ctx->err(), ccsp::ctx_error::canceled);
  }
  cancel_c();
  cancel_d();
  cancel_e();
}

TEST(Context, WaitersOnDoneAreWokenByCancel) {
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  auto [child, cancel_child] = ccsp::with_cancel(ctx);
  ccsp::wait_group wg;
  constexpr int kWorkers = 8;
  wg.add(kWorkers);
  for (int i = 0; i < kWorkers; ++i) {
    ccsp::go([&wg, child] {
      ccsp::chan<int> never;
      ccsp::select(ccsp::recv_case(child.done()), ccsp::recv_case(never));
      EXPECT_EQ(child.err(), ccsp::ctx_error::canceled);
      wg.done();
    });
  }
  ccsp::sleep(5ms);
  cancel();
  wg.wait();
  cancel_child();
}

TEST(Context, ChildOfCancelledParentStartsCancelled) {
  auto [parent, cancel] = ccsp::with_cancel(ccsp::background());
  cancel();
  auto [child, cancel_child] = ccsp::with_cancel(parent);
  EXPECT_TRUE(IsDone(child));
  EXPECT_EQ(child.err(), ccsp::ctx_error::canceled);
  cancel_child();
}

TEST(Context, TimeoutExceedsDeadline) {
  auto start = std::chrono::steady_clock::now();
  auto [ctx, cancel] = ccsp::with_timeout(ccsp::background(), 15ms);
  ASSERT_TRUE(ctx.deadline());
  EXPECT_GE(*ctx.deadline() - start, 15ms);
  EXPECT_EQ(ctx.done().recv(), std::nullopt);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 15ms);
  EXPECT_EQ(ctx.err(), ccsp::ctx_error::deadline_exceeded);
  EXPECT_STREQ(ccsp::to_string(*ctx.err()), "context deadline exceeded");
  cancel();  // after the deadline: the error stays deadline_exceeded
  EXPECT_EQ(ctx.err(), ccsp::ctx_error::deadline_exceeded);
}

TEST(Context, DeadlinePropagatesToChildren) {
  auto [parent, cancel] = ccsp::with_timeout(ccsp::background(), 10ms);
  auto [child, cancel_child] = ccsp::with_cancel(parent);
  auto [later, cancel_later] = ccsp::with_timeout(parent, 1h);
  EXPECT_EQ(child.deadline(), parent.deadline());
  EXPECT_EQ(later.deadline(), parent.deadline());  // the earlier deadline wins
  EXPECT_EQ(child.done().recv(), std::nullopt);
  EXPECT_EQ(child.err(), ccsp::ctx_error::deadline_exceeded);
  EXPECT_EQ(later.done().recv(), std::nullopt);
  cancel();
  cancel_child();
  cancel_later();
}

TEST(Context, PastDeadlineIsExceededAtOnce) {
  auto [ctx, cancel] = ccsp::with_deadline(ccsp::background(),
                                           std::chrono::steady_clock::now() - 1s);
  EXPECT_TRUE(IsDone(ctx));
  EXPECT_EQ(ctx.err(), ccsp::ctx_error::deadline_exceeded);
  cancel();
}

TEST(Context, CancelBeforeDeadlineIsCanceled) {
  auto [ctx, cancel] = ccsp::with_timeout(ccsp::background(), 1h);
  cancel();
  EXPECT_EQ(ctx.err(), ccsp::ctx_error::canceled);
}

TEST(Context, SelectWithTimeoutPattern) {
  auto [ctx, cancel] = ccsp::with_timeout(ccsp::background(), 10ms);
  ccsp::chan<std::string> results;
  std::string outcome;
  ccsp::select(ccsp::recv_case(results, [&](auto) { outcome = "result"; }),
               ccsp::recv_case(ctx.done(), [&] { outcome = ccsp::to_string(*ctx.err()); }));
  EXPECT_EQ(outcome, "context deadline exceeded");
  cancel();
}

}  // namespace
