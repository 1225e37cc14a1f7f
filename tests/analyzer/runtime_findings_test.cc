// Conditions the runtime recorded itself: misuse (with its panic message) and the
// all-asleep watchdog (with every blocked task's operation and stack).
#include <gtest/gtest.h>

#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::ObjectId;
using analyzer::TaskId;

using analyzer::FindingKind;
using trace::BlockOp;
using trace::MisuseKind;
using trace::SyncKind;

TEST_F(TraceTest, MisuseBecomesAFindingWithMessageAndStack) {
  uint32_t fn = b().Site("producer()", "p.cc", 3, 1);
  uint32_t site = b().Site("producer()", "p.cc", 9, 5);
  b().T(1).Sync(SyncKind::kTaskStart).Enter(0, fn);
  b().T(1).Sync(SyncKind::kMisuse, 0xc0ffee, static_cast<uint64_t>(MisuseKind::kSendOnClosed), 0, site);
  b().Panic(1, "send on closed channel");
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kMisuse), 1u);
  const auto& f = r.findings[0];
  EXPECT_EQ(f.misuse, "send-on-closed");
  EXPECT_EQ(f.message, "send on closed channel");
  EXPECT_EQ(f.task, TaskId(1));
  EXPECT_EQ(f.object, ObjectId(0xc0ffee));
  ASSERT_EQ(f.stack.size(), 1u);
  EXPECT_EQ(f.stack[0].line, 9u);
}

TEST_F(TraceTest, MisuseWithoutPanicMessageGetsADescription) {
  b().T(1).Sync(SyncKind::kTaskStart);
  b().T(1).Sync(SyncKind::kMisuse, 0x10, static_cast<uint64_t>(MisuseKind::kUnlockUnlocked));
  auto r = Analyze();
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].message, "unlock of an unlocked mutex");
}

TEST_F(TraceTest, UnmatchedPanicIsStillReported) {
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Panic(1, "fatal: something");
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kMisuse), 1u);
  EXPECT_EQ(r.findings[0].misuse, "panic");
  EXPECT_EQ(r.findings[0].message, "fatal: something");
}

TEST_F(TraceTest, AllAsleepListsBlockedTasks) {
  uint32_t recv = b().Site("main", "d.cc", 12, 3);
  uint32_t lock = b().Site("worker()", "d.cc", 20, 5);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  b().T(3).Sync(SyncKind::kTaskEnd);  // finished tasks are not listed
  b().T(2).Sync(SyncKind::kBlockBegin, 0xa0, static_cast<uint64_t>(BlockOp::kMutexLock), 0, lock);
  b().T(1).Sync(SyncKind::kBlockBegin, 0xb0, static_cast<uint64_t>(BlockOp::kChanRecv), 0, recv);
  b().T(1).Sync(SyncKind::kAllAsleep, 0, 2);
  b().Panic(1, "all tasks are asleep - deadlock!");
  b().SetComplete(2);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kAllAsleep), 1u);
  const auto& f = r.findings[0];
  EXPECT_EQ(f.message, "all tasks are asleep - deadlock!");
  ASSERT_EQ(f.tasks.size(), 2u);
  EXPECT_EQ(f.tasks[0].id, TaskId(1));
  EXPECT_EQ(f.tasks[0].op, "chan-receive");
  EXPECT_EQ(f.tasks[0].object, ObjectId(0xb0));
  ASSERT_EQ(f.tasks[0].stack.size(), 1u);
  EXPECT_EQ(f.tasks[0].stack[0].line, 12u);
  EXPECT_EQ(f.tasks[1].id, TaskId(2));
  EXPECT_EQ(f.tasks[1].op, "mutex-lock");
  EXPECT_EQ(r.trace.exit_status, 2);
}

TEST_F(TraceTest, BlockEndClearsBlockedState) {
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Spawn(1, 2);
  b().T(2).Sync(SyncKind::kBlockBegin, 0xa0, static_cast<uint64_t>(BlockOp::kMutexLock));
  b().T(2).Sync(SyncKind::kBlockEnd, 0xa0, static_cast<uint64_t>(BlockOp::kMutexLock));
  b().T(1).Sync(SyncKind::kBlockBegin, 0xb0, static_cast<uint64_t>(BlockOp::kJoin));
  b().T(1).Sync(SyncKind::kAllAsleep, 0, 1);
  auto r = Analyze();
  ASSERT_EQ(r.findings.size(), 1u);
  ASSERT_EQ(r.findings[0].tasks.size(), 1u);
  EXPECT_EQ(r.findings[0].tasks[0].op, "join");
}

}  // namespace
}  // namespace ccsp::testing
