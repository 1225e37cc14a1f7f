// Leaked tasks: a task still blocked, untimed, when the program exits is reported with its
// operation, object and stack; woken-but-not-yet-recorded waits, timed waits, ended tasks,
// crashed traces and all-asleep deadlocks are not.
#include <gtest/gtest.h>

#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::ObjectId;
using analyzer::TaskId;

using analyzer::FindingKind;
using trace::BlockOp;
using trace::SyncKind;

constexpr uint64_t kCh = 0xc400;

class LeakTest : public TraceTest {
 protected:
  void SetUp() override {
    TraceTest::SetUp();
    fn_ = b().Site("producer()", "leak.cc", 10, 1);
    send_ = b().Site("producer()", "leak.cc", 13, 5);
    b().T(1).Sync(SyncKind::kTaskStart).Sync(SyncKind::kChanMake, kCh, 0);
    b().Spawn(1, 2);
    b().T(2).Enter(0, fn_);
  }
  void BlockInSend(uint32_t t, bool timed = false) {
    b().T(t).Sync(SyncKind::kBlockBegin, kCh, static_cast<uint64_t>(BlockOp::kChanSend), timed, send_);
  }
  void Exit() {
    b().T(1).Sync(SyncKind::kProcessExit, 0, 0);
    b().SetComplete(0);
  }
  uint32_t fn_ = 0, send_ = 0;
};

TEST_F(LeakTest, BlockedAtExitIsALeakWithStack) {
  BlockInSend(2);
  Exit();
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kLeak), 1u);
  const analyzer::Finding& f = r.findings[0];
  EXPECT_EQ(f.task, TaskId(2));
  EXPECT_EQ(f.object, ObjectId(kCh));
  EXPECT_EQ(f.misuse, "chan-send");
  ASSERT_FALSE(f.stack.empty());
  EXPECT_EQ(f.stack[0].line, 13u);
  ASSERT_EQ(f.tasks.size(), 1u);
  EXPECT_EQ(f.tasks[0].created_by, TaskId(1));
}

TEST_F(LeakTest, ManyTasksAtOneSiteAreOneReportWithACount) {
  BlockInSend(2);
  b().Spawn(1, 3);
  b().T(3).Enter(0, fn_);
  BlockInSend(3);
  Exit();
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kLeak), 1u);
  EXPECT_EQ(r.findings[0].count, 2u);
}

TEST_F(LeakTest, WaitTouchedAfterItBeganIsNotALeak) {
  BlockInSend(2);
  b().T(1).Sync(SyncKind::kChanRecv, kCh, 0);  // the receive that will wake it; exit came first
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, CloseAfterTheWaitIsNotALeak) {
  BlockInSend(2);
  b().T(1).Sync(SyncKind::kChanClose, kCh);
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, TouchBeforeTheWaitDoesNotHideIt) {
  b().T(1).Sync(SyncKind::kChanClose, 0xdead);
  b().T(1).Sync(SyncKind::kChanRecv, kCh, 0);
  BlockInSend(2);
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 1u);
}

TEST_F(LeakTest, RunningTaskAtExitMightStillWakeIt) {
  BlockInSend(2);
  b().Spawn(1, 3);  // task 3 is running (not blocked, not ended) when task 1 exits
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, TaskInATimedWaitAtExitMightStillWakeIt) {
  BlockInSend(2);
  b().Spawn(1, 3);
  b().T(3).Sync(SyncKind::kBlockBegin, 0, static_cast<uint64_t>(BlockOp::kSleep), 1);
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, TimedWaitIsNotALeak) {
  BlockInSend(2, /*timed=*/true);
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, FinishedWaitIsNotALeak) {
  BlockInSend(2);
  b().T(2).Sync(SyncKind::kBlockEnd, kCh, static_cast<uint64_t>(BlockOp::kChanSend), 0);
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, CrashedTraceReportsNoLeaks) {
  BlockInSend(2);  // no exit record, not complete: the program was cut short
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, AllAsleepIsNotAlsoALeak) {
  BlockInSend(2);
  b().T(1).Sync(SyncKind::kBlockBegin, 0x77, static_cast<uint64_t>(BlockOp::kJoin), 0);
  b().T(1).Sync(SyncKind::kAllAsleep, 0, 2);
  Exit();
  auto r = Analyze();
  EXPECT_EQ(r.Count(FindingKind::kAllAsleep), 1u);
  EXPECT_EQ(r.Count(FindingKind::kLeak), 0u);
}

TEST_F(LeakTest, SelectOnTwoChannelsTouchedOnEitherIsNotALeak) {
  constexpr uint64_t kOther = 0xc500;
  b().T(2).Sync(SyncKind::kSelectCase, kCh, 1).Sync(SyncKind::kSelectCase, kOther, 0);
  b().T(2).Sync(SyncKind::kBlockBegin, 0, static_cast<uint64_t>(BlockOp::kSelect), 0, send_);
  b().T(1).Sync(SyncKind::kChanClose, kOther);
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 0u);
}

}  // namespace
}  // namespace ccsp::testing
