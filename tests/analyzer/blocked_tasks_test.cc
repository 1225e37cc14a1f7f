// Tasks blocked forever. Leaks: a task still blocked, untimed, when the program exits, with
// nobody left who could wake it, is reported with its operation, object and stack;
// woken-but-not-yet-recorded waits, timed waits, ended tasks, crashed traces and all-asleep
// deadlocks are not. Actual deadlocks: wait-for cycles over locks, channels and joins.
#include <gtest/gtest.h>

#include "analyzer/base/scc.h"
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

TEST_F(LeakTest, WaitGroupWaitWithDonesAfterItBeganIsStillALeak) {
  constexpr uint64_t kWg = 0xd000;
  b().T(1).Sync(SyncKind::kWgAdd, kWg, trace::ZigZag(2));
  b().Spawn(1, 3);
  b().T(2).Sync(SyncKind::kBlockBegin, kWg, static_cast<uint64_t>(BlockOp::kWgWait), 0, send_);
  b().T(3).Sync(SyncKind::kWgAdd, kWg, trace::ZigZag(-1)).Sync(SyncKind::kTaskEnd);  // one done of two
  Exit();
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kLeak), 1u);
  EXPECT_EQ(r.findings[0].task, TaskId(2));
  EXPECT_NE(r.findings[0].message.find("wait-group wait"), std::string::npos) << r.findings[0].message;
}

TEST_F(LeakTest, IdleRuntimeThreadDoesNotHideALeak) {
  BlockInSend(2);
  b().Spawn(1, 3);  // the timer thread: the runtime's own, idle with nothing pending
  b().T(3).Sync(SyncKind::kTaskInternal, 0x99);
  b().T(3).Sync(SyncKind::kBlockBegin, 0x99, static_cast<uint64_t>(BlockOp::kIdle), 1);
  Exit();
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kLeak), 1u);
  EXPECT_EQ(r.findings[0].task, TaskId(2));
  EXPECT_EQ(r.trace.tasks, 2u);  // the runtime's thread is not counted
}

TEST_F(LeakTest, BusyRuntimeThreadWakesOnlyWhatItUses) {
  BlockInSend(2);
  b().Spawn(1, 3);
  b().T(3).Sync(SyncKind::kTaskInternal, 0x99);  // running, but never used kCh
  Exit();
  EXPECT_EQ(Analyze().Count(FindingKind::kLeak), 1u);
}

class WaitDeadlockTest : public TraceTest {
 protected:
  static constexpr uint64_t kA = 0xa000, kB = 0xb000;
  void SetUp() override {
    TraceTest::SetUp();
    lock_a_ = b().Site("transfer()", "dl.cc", 20, 3);
    lock_b_ = b().Site("transfer()", "dl.cc", 21, 3);
    b().T(1).Sync(SyncKind::kTaskStart);
    b().Spawn(1, 2);
    b().Spawn(1, 3);
  }
  void Exit() {
    b().T(1).Sync(SyncKind::kProcessExit, 0, 0);
    b().SetComplete(0);
  }
  void LockThenBlock(uint32_t t, uint64_t held, uint64_t wanted, uint32_t held_site, uint32_t wait_site) {
    b().T(t).Sync(SyncKind::kMutexLock, held, 0, 0, held_site);
    b().T(t).Sync(SyncKind::kBlockBegin, wanted, static_cast<uint64_t>(BlockOp::kMutexLock), 0, wait_site);
  }
  uint32_t lock_a_ = 0, lock_b_ = 0;
};

TEST_F(WaitDeadlockTest, AbbaBlockedForeverIsOneDeadlockNotTwoLeaks) {
  LockThenBlock(2, kA, kB, lock_a_, lock_b_);
  LockThenBlock(3, kB, kA, lock_b_, lock_a_);
  Exit();
  auto r = Analyze();
  EXPECT_EQ(r.Count(FindingKind::kLeak), 0u);
  ASSERT_EQ(r.Count(FindingKind::kWaitDeadlock), 1u);
  const analyzer::Finding& f = r.findings[0];
  ASSERT_EQ(f.waits.size(), 2u);
  for (const analyzer::WaitDesc& w : f.waits) {
    ASSERT_EQ(w.waits_for.size(), 1u);
    EXPECT_NE(w.waits_for[0], w.task);  // each waits for the other
    ASSERT_EQ(w.holding.size(), 1u);
    ASSERT_FALSE(w.stack.empty());
    ASSERT_FALSE(w.holding[0].stack.empty());
    EXPECT_NE(w.stack[0].line, w.holding[0].stack[0].line);  // blocked at one line, took the other
  }
  EXPECT_EQ(f.waits[0].op, "sync.Mutex lock");
}

TEST_F(WaitDeadlockTest, RelockingAHeldMutexIsAOneTaskDeadlock) {
  LockThenBlock(2, kA, kA, lock_a_, lock_b_);
  Exit();
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kWaitDeadlock), 1u);
  ASSERT_EQ(r.findings[0].waits.size(), 1u);
  EXPECT_EQ(r.findings[0].waits[0].waits_for, std::vector<TaskId>{TaskId(2)});
}

TEST_F(WaitDeadlockTest, LockHeldByARunningTaskIsNoDeadlock) {
  LockThenBlock(2, kA, kB, lock_a_, lock_b_);
  b().T(3).Sync(SyncKind::kMutexLock, kB, 0, 0, lock_b_);  // holds B, still running at exit
  Exit();
  auto r = Analyze();
  EXPECT_EQ(r.Count(FindingKind::kWaitDeadlock), 0u);
  EXPECT_EQ(r.Count(FindingKind::kLeak), 0u);
}

TEST_F(WaitDeadlockTest, TwoTasksSendingToEachOtherAreADeadlock) {
  constexpr uint64_t kC1 = 0xc100, kC2 = 0xc200;
  b().T(1).Sync(SyncKind::kChanMake, kC1, 0).Sync(SyncKind::kChanMake, kC2, 0);
  b().Spawn(1, 4);
  b().Spawn(1, 5);
  // Each would receive the other's value after its own send completes.
  b().T(4).Sync(SyncKind::kBlockBegin, kC1, static_cast<uint64_t>(BlockOp::kChanSend), 0, lock_a_);
  b().T(5).Sync(SyncKind::kBlockBegin, kC2, static_cast<uint64_t>(BlockOp::kChanSend), 0, lock_b_);
  Exit();
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kWaitDeadlock), 1u);
  EXPECT_EQ(r.findings[0].waits.size(), 2u);
  EXPECT_EQ(r.Count(FindingKind::kLeak), 0u);
}

TEST_F(WaitDeadlockTest, JoinOfABlockedTaskFollowsTheCycle) {
  constexpr uint64_t kThread = 0x7f0000001000;
  b().T(1).Sync(SyncKind::kTaskCreate, kThread, 6);
  b().T(6).Sync(SyncKind::kTaskStart, 0, 1);
  b().T(1).Sync(SyncKind::kMutexLock, kA, 0, 0, lock_a_);
  b().T(6).Sync(SyncKind::kBlockBegin, kA, static_cast<uint64_t>(BlockOp::kMutexLock), 0, lock_b_);
  b().T(1).Sync(SyncKind::kBlockBegin, kThread, static_cast<uint64_t>(BlockOp::kJoin), 0, lock_b_);
  b().T(1).Sync(SyncKind::kAllAsleep, 0, 2);  // the watchdog: main joins 6, 6 waits for main's lock
  b().SetComplete(2);
  auto r = Analyze();
  EXPECT_EQ(r.Count(FindingKind::kAllAsleep), 1u);
  ASSERT_EQ(r.Count(FindingKind::kWaitDeadlock), 1u);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[1].kind, FindingKind::kWaitDeadlock);
  EXPECT_EQ(r.findings[1].waits.size(), 2u);
}

// The cycle search of both graphs (wait-for, lock order) is iterative: a chain far deeper than
// any stack would allow is one component per node, and a back edge closes one component.
TEST(StronglyConnected, DeepChainsAndOneCycle) {
  constexpr uint32_t kN = 300000;
  std::vector<std::vector<uint32_t>> adj(kN);
  for (uint32_t i = 0; i + 1 < kN; ++i) adj[i].push_back(i + 1);
  std::vector<uint32_t> comp = analyzer::StronglyConnected(adj);
  EXPECT_NE(comp[0], comp[1]);
  EXPECT_NE(comp[kN - 2], comp[kN - 1]);
  adj[kN - 1].push_back(kN - 3);  // the last three nodes now form a cycle
  comp = analyzer::StronglyConnected(adj);
  EXPECT_EQ(comp[kN - 3], comp[kN - 1]);
  EXPECT_EQ(comp[kN - 2], comp[kN - 1]);
  EXPECT_NE(comp[kN - 4], comp[kN - 3]);
}

}  // namespace
}  // namespace ccsp::testing
