// Race detector through the whole pipeline: byte precision, object lifetimes (free/alloc,
// task stacks), and what a finding says (both stacks with inlined frames, location, tasks
// and their creation stacks, deduplication with counts).
#include <gtest/gtest.h>

#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::ObjectId;
using analyzer::TaskId;

using analyzer::FindingKind;
using analyzer::LocationKind;
using trace::AllocKind;
using trace::SyncKind;

class RaceTest : public TraceTest {
 protected:
  void SetUp() override {
    TraceTest::SetUp();
    s2 = b().Site("writer2", "r.cc", 20, 3);
    s3 = b().Site("writer3", "r.cc", 30, 7);
    b().T(1).Sync(SyncKind::kTaskStart);
    b().Spawn(1, 2);
    b().Spawn(1, 3);
  }
  TraceBuilder::Task& t(uint32_t id) { return b().T(id); }
  uint32_t s2 = 0, s3 = 0;
};

TEST_F(RaceTest, AdjacentBytesFromDifferentTasksDoNotRace) {
  t(2).Write(0x1000, 1, s2);
  t(3).Write(0x1001, 1, s3);
  t(2).Write(0x1002, 2, s2);
  t(3).Write(0x1004, 4, s3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(RaceTest, FourByteAccessOverlappingOneByteOfEightRaces) {
  t(2).Write(0x1000, 8, s2);
  t(3).Read(0x1007, 4, s3);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  EXPECT_EQ(r.findings[0].accesses[0].addr, 0x1007u);
  EXPECT_EQ(r.findings[0].accesses[0].size, 4u);
  EXPECT_EQ(r.findings[0].accesses[1].addr, 0x1000u);
  EXPECT_EQ(r.findings[0].accesses[1].size, 8u);
}

// A Run record stands for `count` accesses of its element size: a race on one element is
// reported at that element's address and size, once per racing element.
TEST_F(RaceTest, RaceInsideARunNamesTheElement) {
  t(2).Run(true, 0x4000, 8, 1000, s2);  // 0x4000 .. 0x5f38
  t(3).Read(0x4000 + 8 * 617 + 4, 4, s3);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  const auto& f = r.findings[0];
  EXPECT_EQ(f.accesses[0].addr, 0x4000u + 8 * 617 + 4);
  EXPECT_EQ(f.accesses[0].size, 4u);
  EXPECT_FALSE(f.accesses[0].write);
  EXPECT_EQ(f.accesses[1].addr, 0x4000u + 8 * 617);
  EXPECT_EQ(f.accesses[1].size, 8u);
  EXPECT_TRUE(f.accesses[1].write);
}

TEST_F(RaceTest, RunRacesElementByElementAndEndsAtItsLastElement) {
  t(2).Run(false, 0x6000, 2, 50, s2);   // reads 0x6000 .. 0x6063
  t(3).Run(true, 0x6000 + 2 * 40, 2, 20, s3);  // writes 0x6050 .. 0x6077: 10 overlap
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  EXPECT_EQ(r.findings[0].count, 10u);
  EXPECT_EQ(r.findings[0].accesses[0].addr, 0x6000u + 2 * 40);
  EXPECT_EQ(r.findings[0].accesses[0].size, 2u);
}

TEST_F(RaceTest, RunOrderedBySyncDoesNotRace) {
  t(2).Run(true, 0x7000, 4, 64, s2).Sync(SyncKind::kMutexUnlock, 0x90);
  t(3).Sync(SyncKind::kMutexLock, 0x90).Run(false, 0x7000, 4, 64, s3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(RaceTest, StructFieldsInOneGranuleAreIndependent) {
  t(2).Write(0x2000, 4, s2).Write(0x2000, 4, s2);
  t(3).Write(0x2004, 4, s3).Read(0x2004, 4, s3);
  t(2).Read(0x2000, 4, s2);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(RaceTest, RangeAccessRacesWithAnyOverlap) {
  t(2).Range(true, 0x3000, 100, s2);  // memset
  t(3).Read(0x3000 + 99, 1, s3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(RaceTest, RangeJustPastTheEndDoesNotRace) {
  t(2).Range(true, 0x3000, 100, s2);
  t(3).Read(0x3000 + 100, 1, s3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(RaceTest, MemoryReusedAfterFreeDoesNotRace) {
  t(2).Sync(SyncKind::kAlloc, 0x5000, 32, 0).Write(0x5000, 8, s2).Sync(SyncKind::kFree, 0x5000);
  t(3).Sync(SyncKind::kAlloc, 0x5000, 32, 0).Write(0x5000, 8, s3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(RaceTest, FreeRacesWithUnorderedAccess) {
  t(1).Sync(SyncKind::kAlloc, 0x5000, 32, 0);
  b().Spawn(1, 4);
  t(4).Write(0x5010, 4, s3);
  t(1).Sync(SyncKind::kFree, 0x5000, 0, 0, s2);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  EXPECT_TRUE(r.findings[0].accesses[0].free);
  EXPECT_EQ(r.findings[0].accesses[0].size, 32u);
}

TEST_F(RaceTest, NewAllocationWithoutRecordedFreeStillClears) {
  t(2).Write(0x5000, 8, s2);
  t(3).Sync(SyncKind::kAlloc, 0x5000, 16, 0).Write(0x5000, 8, s3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(RaceTest, ReusedThreadStackIsFresh) {
  const uint64_t stack = 0x7f0000000000;
  b().Spawn(1, 4);
  t(4).Sync(SyncKind::kAlloc, stack, 1 << 20, static_cast<uint64_t>(AllocKind::kMmap));
  t(4).Write(stack + 0x100, 8, s2).Sync(SyncKind::kTaskEnd);
  b().Spawn(1, 5);  // not joined: unordered with task 4
  t(5).Sync(SyncKind::kAlloc, stack, 1 << 20, static_cast<uint64_t>(AllocKind::kMmap));
  t(5).Write(stack + 0x100, 8, s3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(RaceTest, StackRaceIsDescribedAsStackOfTask) {
  const uint64_t stack = 0x7f0000000000;
  b().Spawn(1, 4);
  t(4).Sync(SyncKind::kAlloc, stack, 1 << 20, static_cast<uint64_t>(AllocKind::kMmap));
  t(4).Write(stack + 0x100, 8, s2);  // a local passed by reference
  b().Spawn(4, 5);
  t(5).Write(stack + 0x100, 8, s3);
  t(4).Read(stack + 0x100, 8, s2);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  EXPECT_EQ(r.findings[0].location.kind, LocationKind::kStack);
  EXPECT_EQ(r.findings[0].location.task, TaskId(4));
}

TEST_F(RaceTest, GlobalLocationIsNamed) {
  b().Global(0x601040, 4, "balance", "bank.cc", 5);
  t(2).Write(0x601040, 4, s2);
  t(3).Write(0x601040, 4, s3);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  const auto& loc = r.findings[0].location;
  EXPECT_EQ(loc.kind, LocationKind::kGlobal);
  EXPECT_EQ(loc.name, "balance");
  EXPECT_EQ(loc.size, 4u);
  EXPECT_EQ(loc.file, "bank.cc");
}

TEST_F(RaceTest, HeapLocationHasAllocationStack) {
  uint32_t fn = b().Site("make_account", "bank.cc", 40, 1);
  uint32_t call = b().Site("make_account", "bank.cc", 42, 15);
  uint32_t mainfn = b().Site("main", "bank.cc", 50, 1);
  uint32_t callsite = b().Site("main", "bank.cc", 55, 10);
  t(1).Enter(0, mainfn).Enter(callsite, fn);
  t(1).Sync(SyncKind::kAlloc, 0x9000, 24, 1, call);
  t(1).Exit();
  b().Spawn(1, 4);
  b().Spawn(1, 5);
  t(4).Write(0x9008, 8, s2);
  t(5).Write(0x9008, 8, s3);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  const auto& loc = r.findings[0].location;
  EXPECT_EQ(loc.kind, LocationKind::kHeap);
  EXPECT_EQ(loc.addr, 0x9000u);
  EXPECT_EQ(loc.size, 24u);
  EXPECT_EQ(loc.task, TaskId(1));
  ASSERT_EQ(loc.alloc_stack.size(), 2u);
  EXPECT_EQ(loc.alloc_stack[0].function, "make_account");
  EXPECT_EQ(loc.alloc_stack[0].line, 42u);
  EXPECT_EQ(loc.alloc_stack[1].function, "main");
  EXPECT_EQ(loc.alloc_stack[1].line, 55u);
}

TEST_F(RaceTest, StacksExpandFramesAndInlinedCalls) {
  uint32_t worker = b().Site("worker(int)", "bank.cc", 10, 1);
  uint32_t call_in_lambda = b().Site("main::$_0::operator()() const", "bank.cc", 30, 7);
  uint32_t lambda = b().Site("main::$_0::operator()() const", "bank.cc", 29, 1);
  uint32_t inlined_call = b().Site("deposit(int)", "bank.cc", 14, 3);
  uint32_t add = b().Site("add(int&, int)", "util.h", 3, 5, inlined_call);
  t(2).Enter(0, lambda).Enter(call_in_lambda, worker).Write(0x1000, 4, add);
  t(3).Write(0x1000, 4, s3);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  const auto& acc = r.findings[0].accesses;
  // [0] is the later access (task 3), [1] the earlier one (task 2).
  EXPECT_EQ(acc[0].task, TaskId(3));
  ASSERT_EQ(acc[1].stack.size(), 3u);
  EXPECT_EQ(acc[1].stack[0].function, "add(int&, int)");
  EXPECT_EQ(acc[1].stack[0].file, "util.h");
  EXPECT_EQ(acc[1].stack[1].function, "deposit(int)");  // inlined into worker at line 14
  EXPECT_EQ(acc[1].stack[1].line, 14u);
  EXPECT_EQ(acc[1].stack[2].function, "main::$_0::operator()() const");
  EXPECT_EQ(acc[1].stack[2].line, 30u);
  EXPECT_EQ(acc[1].stack[2].column, 7u);
}

TEST_F(RaceTest, TasksCarryCreationStacks) {
  uint32_t mainfn = b().Site("main", "m.cc", 1, 1);
  uint32_t create = b().Site("main", "m.cc", 8, 3);
  t(1).Enter(0, mainfn);
  b().Spawn(1, 4, create);
  t(4).Write(0x1000, 4, s2).Sync(SyncKind::kTaskEnd);
  t(1).Write(0x1000, 4, s3);
  auto r = Analyze();
  ASSERT_EQ(r.Count(FindingKind::kDataRace), 1u);
  // Replay order puts each task's plain accesses right after its preceding sync event, so
  // either access may be the "later" one; look the child up by id.
  const auto& tasks = r.findings[0].tasks;
  ASSERT_EQ(tasks.size(), 2u);
  const auto& child = tasks[0].id == TaskId(4) ? tasks[0] : tasks[1];
  const auto& parent = tasks[0].id == TaskId(4) ? tasks[1] : tasks[0];
  EXPECT_EQ(parent.id, TaskId(1));
  EXPECT_EQ(parent.created_by, TaskId::kNone);
  EXPECT_EQ(child.id, TaskId(4));
  EXPECT_EQ(child.created_by, TaskId(1));
  ASSERT_EQ(child.creation_stack.size(), 1u);
  EXPECT_EQ(child.creation_stack[0].function, "main");
  EXPECT_EQ(child.creation_stack[0].line, 8u);
}

TEST_F(RaceTest, OccurrencesAreDeduplicatedBySitePair) {
  for (int i = 0; i < 50; ++i) {
    t(2).Write(0x1000 + 8 * i, 8, s2);
    t(3).Write(0x1000 + 8 * i, 8, s3);
  }
  auto r = Analyze();
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].count, 50u);
}

TEST_F(RaceTest, ReadSharedThenWriteReportsEachReaderSite) {
  uint32_t s4 = b().Site("reader4", "r.cc", 40, 1);
  b().Spawn(1, 4);
  t(2).Read(0x1000, 8, s2);
  t(4).Read(0x1000, 8, s4);
  t(3).Write(0x1000, 8, s3);
  EXPECT_EQ(Races(), 2u);
}

TEST_F(RaceTest, RaceBetweenParentAndChild) {
  b().Spawn(1, 4);
  t(1).Write(0x1000, 4, s2);
  t(4).Read(0x1000, 4, s3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(RaceTest, FunctionExitRestoresCaller) {
  uint32_t f = b().Site("f", "r.cc", 1, 1);
  uint32_t g = b().Site("g", "r.cc", 2, 1);
  uint32_t call_g = b().Site("f", "r.cc", 5, 2);
  t(2).Enter(0, f).Enter(call_g, g).Exit().Write(0x1000, 4, s2);
  t(3).Write(0x1000, 4, s3);
  auto r = Analyze();
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].accesses[1].stack.size(), 1u);  // only the access site (in f)
}

TEST_F(RaceTest, UnbalancedExitsAreHarmless) {
  t(2).Exit().Exit().Write(0x1000, 4, s2);
  t(3).Write(0x1000, 4, s3);
  EXPECT_EQ(Races(), 1u);
}

}  // namespace
}  // namespace ccsp::testing
