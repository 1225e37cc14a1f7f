// Potential deadlocks from lock order: an inversion between concurrent tasks is reported with
// both acquisitions; one global order, single-task cycles, gate locks, read-read rwlock
// "cycles", trylocks and inversions ordered by happens-before (join, channel) are not.
#include <gtest/gtest.h>

#include <set>

#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::FindingKind;
using trace::MutexFlags;
using trace::SyncKind;

constexpr uint64_t kA = 0xa000, kB = 0xb000, kC = 0xc000, kGate = 0x9000;

class LockOrderTest : public TraceTest {
 protected:
  void SetUp() override {
    TraceTest::SetUp();
    for (uint32_t line = 1; line <= 8; ++line) site_[line] = b().Site("worker", "lk.cc", line, 3);
    b().T(1).Sync(SyncKind::kTaskStart);
  }
  // Task `t` locks x then y (at lines lx, ly) and unlocks both.
  void Nested(uint32_t t, uint64_t x, uint64_t y, uint32_t lx, uint32_t ly, uint64_t y_flags = 0) {
    b().T(t).Sync(SyncKind::kMutexLock, x, 0, 0, site_[lx]).Sync(SyncKind::kMutexLock, y, y_flags, 0, site_[ly]);
    b().T(t).Sync(SyncKind::kMutexUnlock, y).Sync(SyncKind::kMutexUnlock, x);
  }
  size_t Deadlocks() { return Analyze().Count(FindingKind::kDeadlock); }
  uint32_t site_[9] = {};
};

TEST_F(LockOrderTest, InversionBetweenConcurrentTasksIsReported) {
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  Nested(2, kA, kB, 1, 2);
  Nested(3, kB, kA, 3, 4);  // runs after task 2 released both: ordered only by the locks
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDeadlock), 1u);
  const analyzer::Finding& f = r.findings[0];
  ASSERT_EQ(f.edges.size(), 2u);
  std::set<uint32_t> lines;
  for (const analyzer::LockEdgeDesc& e : f.edges) {
    ASSERT_FALSE(e.acquire_stack.empty());
    ASSERT_FALSE(e.held_stack.empty());
    lines.insert(e.acquire_stack[0].line);
    lines.insert(e.held_stack[0].line);
    EXPECT_NE(e.held, e.acquired);
  }
  EXPECT_EQ(lines, (std::set<uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(f.edges[0].acquired, f.edges[1].held);
  EXPECT_EQ(f.edges[1].acquired, f.edges[0].held);
}

TEST_F(LockOrderTest, ThreeLockCycleIsReported) {
  for (uint32_t t = 2; t <= 4; ++t) b().Spawn(1, t);
  Nested(2, kA, kB, 1, 2);
  Nested(3, kB, kC, 3, 4);
  Nested(4, kC, kA, 5, 6);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDeadlock), 1u);
  EXPECT_EQ(r.findings[0].edges.size(), 3u);
}

TEST_F(LockOrderTest, OneGlobalOrderIsClean) {
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  Nested(2, kA, kB, 1, 2);
  Nested(3, kA, kB, 3, 4);
  EXPECT_EQ(Deadlocks(), 0u);
}

TEST_F(LockOrderTest, SingleTaskCycleIsClean) {
  Nested(1, kA, kB, 1, 2);
  Nested(1, kB, kA, 3, 4);
  EXPECT_EQ(Deadlocks(), 0u);
}

TEST_F(LockOrderTest, GateLockPreventsTheDeadlock) {
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  b().T(2).Sync(SyncKind::kMutexLock, kGate, 0, 0, site_[7]);
  Nested(2, kA, kB, 1, 2);
  b().T(2).Sync(SyncKind::kMutexUnlock, kGate);
  b().T(3).Sync(SyncKind::kMutexLock, kGate, 0, 0, site_[7]);
  Nested(3, kB, kA, 3, 4);
  b().T(3).Sync(SyncKind::kMutexUnlock, kGate);
  EXPECT_EQ(Deadlocks(), 0u);
}

TEST_F(LockOrderTest, InversionOrderedByJoinIsClean) {
  b().Spawn(1, 2);
  Nested(2, kA, kB, 1, 2);
  b().Join(1, 2);
  b().Spawn(1, 3);  // starts after task 2 ended: never concurrent with it
  Nested(3, kB, kA, 3, 4);
  EXPECT_EQ(Deadlocks(), 0u);
}

TEST_F(LockOrderTest, InversionOrderedByChannelIsClean) {
  constexpr uint64_t kCh = 0xcc00;
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  b().T(1).Sync(SyncKind::kChanMake, kCh, 0);
  Nested(2, kA, kB, 1, 2);
  b().T(2).Sync(SyncKind::kChanSend, kCh, 0);
  b().T(3).Sync(SyncKind::kChanRecv, kCh, 0);
  b().T(2).Sync(SyncKind::kChanSendDone, kCh, 0);
  Nested(3, kB, kA, 3, 4);
  EXPECT_EQ(Deadlocks(), 0u);
}

TEST_F(LockOrderTest, TrylockAcquisitionIsNoEdge) {
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  Nested(2, kA, kB, 1, 2);
  Nested(3, kB, kA, 3, 4, trace::kMutexTry);  // backs off instead of waiting
  EXPECT_EQ(Deadlocks(), 0u);
}

TEST_F(LockOrderTest, ReadersDoNotBlockReaders) {
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  b().T(2).Sync(SyncKind::kRwRdLock, kA, 0, 0, site_[1]).Sync(SyncKind::kRwRdLock, kB, 0, 0, site_[2]);
  b().T(2).Sync(SyncKind::kRwUnlock, kB).Sync(SyncKind::kRwUnlock, kA);
  b().T(3).Sync(SyncKind::kRwRdLock, kB, 0, 0, site_[3]).Sync(SyncKind::kRwRdLock, kA, 0, 0, site_[4]);
  b().T(3).Sync(SyncKind::kRwUnlock, kA).Sync(SyncKind::kRwUnlock, kB);
  EXPECT_EQ(Deadlocks(), 0u);
}

TEST_F(LockOrderTest, WriterAgainstReadersIsReported) {
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  b().T(2).Sync(SyncKind::kRwWrLock, kA, 0, 0, site_[1]).Sync(SyncKind::kRwRdLock, kB, 0, 0, site_[2]);
  b().T(2).Sync(SyncKind::kRwUnlock, kB).Sync(SyncKind::kRwUnlock, kA);
  b().T(3).Sync(SyncKind::kRwWrLock, kB, 0, 0, site_[3]).Sync(SyncKind::kRwRdLock, kA, 0, 0, site_[4]);
  b().T(3).Sync(SyncKind::kRwUnlock, kA).Sync(SyncKind::kRwUnlock, kB);
  EXPECT_EQ(Deadlocks(), 1u);
}

TEST_F(LockOrderTest, SameSitesOnManyLockPairsIsOneReport) {
  constexpr uint64_t kD = 0xd000;
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  Nested(2, kA, kB, 1, 2);
  Nested(3, kB, kA, 3, 4);
  Nested(2, kC, kD, 1, 2);
  Nested(3, kD, kC, 3, 4);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDeadlock), 1u);
  EXPECT_EQ(r.findings[0].count, 2u);
}

}  // namespace
}  // namespace ccsp::testing
