// Atomics by memory order: release/acquire publication, relaxed creates no edge, release
// sequences continue through RMWs and are broken by plain stores, fences, and the
// atomic-vs-plain race rule.
#include <gtest/gtest.h>

#include "test_util.h"

namespace ccsp::testing {
namespace {

using trace::AtomicKind;
using trace::MemOrder;
using trace::SyncKind;
constexpr uint64_t DATA = 0x10000;
constexpr uint64_t FLAG = 0x20000;

class AtomicsTest : public TraceTest {
 protected:
  void SetUp() override {
    TraceTest::SetUp();
    w = b().Site("producer", "at.cc", 10, 5);
    r = b().Site("consumer", "at.cc", 20, 5);
    a = b().Site("flag", "at.cc", 30, 5);
    b().T(1).Sync(SyncKind::kTaskStart);
    b().Spawn(1, 2);
    b().Spawn(1, 3);
    b().Spawn(1, 4);
  }
  TraceBuilder::Task& t(uint32_t id) { return b().T(id); }
  TraceBuilder::Task& Store(uint32_t task, MemOrder o) {
    return t(task).Atomic(AtomicKind::kStore, o, 4, FLAG, a);
  }
  TraceBuilder::Task& Load(uint32_t task, MemOrder o) {
    return t(task).Atomic(AtomicKind::kLoad, o, 4, FLAG, a);
  }
  uint32_t w = 0, r = 0, a = 0;
};

TEST_F(AtomicsTest, ReleaseAcquirePublishes) {
  t(2).Write(DATA, 8, w);
  Store(2, MemOrder::kRelease);
  Load(3, MemOrder::kAcquire);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(AtomicsTest, SeqCstPublishes) {
  t(2).Write(DATA, 8, w);
  Store(2, MemOrder::kSeqCst);
  Load(3, MemOrder::kSeqCst);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(AtomicsTest, RelaxedStoreDoesNotPublish) {
  t(2).Write(DATA, 8, w);
  Store(2, MemOrder::kRelaxed);
  Load(3, MemOrder::kAcquire);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(AtomicsTest, RelaxedLoadDoesNotAcquire) {
  t(2).Write(DATA, 8, w);
  Store(2, MemOrder::kRelease);
  Load(3, MemOrder::kRelaxed);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(AtomicsTest, RmwContinuesReleaseSequence) {
  t(2).Write(DATA, 8, w);
  Store(2, MemOrder::kRelease);
  t(4).Atomic(AtomicKind::kRmw, MemOrder::kRelaxed, 4, FLAG, a);  // fetch_add by another task
  Load(3, MemOrder::kAcquire);  // reads the RMW's value: still synchronizes with task 2
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(AtomicsTest, PlainStoreBreaksReleaseSequence) {
  t(2).Write(DATA, 8, w);
  Store(2, MemOrder::kRelease);
  Store(4, MemOrder::kRelaxed);  // another task's relaxed store replaces the value
  Load(3, MemOrder::kAcquire);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(AtomicsTest, AcquireLoadReadsLatestStore) {
  // Loads read the latest store in seq order (the runtime's per-location lock makes seq
  // order the modification order).
  Store(2, MemOrder::kRelease);
  t(4).Write(DATA, 8, w);
  Store(4, MemOrder::kRelease);
  Load(3, MemOrder::kAcquire);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(AtomicsTest, CasSuccessReleases) {
  t(2).Write(DATA, 8, w);
  t(2).Atomic(AtomicKind::kCasOk, MemOrder::kAcqRel, 4, FLAG, a);
  t(3).Atomic(AtomicKind::kCasFail, MemOrder::kAcquire, 4, FLAG, a);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(AtomicsTest, FencesSynchronizeRelaxedAccesses) {
  t(2).Write(DATA, 8, w);
  t(2).Fence(MemOrder::kRelease);
  Store(2, MemOrder::kRelaxed);
  Load(3, MemOrder::kRelaxed);
  t(3).Fence(MemOrder::kAcquire);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(AtomicsTest, ReleaseFenceWithoutAcquireFenceDoesNotSynchronize) {
  t(2).Write(DATA, 8, w);
  t(2).Fence(MemOrder::kRelease);
  Store(2, MemOrder::kRelaxed);
  Load(3, MemOrder::kRelaxed);
  t(3).Read(DATA, 8, r);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(AtomicsTest, AtomicVsAtomicIsNotARace) {
  Store(2, MemOrder::kRelaxed);
  Store(3, MemOrder::kRelaxed);
  t(4).Atomic(AtomicKind::kRmw, MemOrder::kRelaxed, 4, FLAG, a);
  Load(2, MemOrder::kRelaxed);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(AtomicsTest, AtomicVsPlainIsARace) {
  Store(2, MemOrder::kSeqCst);
  t(3).Read(FLAG, 4, r);
  auto res = Analyze();
  ASSERT_EQ(res.Count(analyzer::FindingKind::kDataRace), 1u);
  const auto& acc = res.findings[0].accesses;
  EXPECT_NE(acc[0].atomic, acc[1].atomic);  // one atomic, one plain
}

TEST_F(AtomicsTest, PlainInitBeforeAcquireLoadOfSameLocation) {
  // Task 2 initializes the atomic plainly, then publishes with a release store: an acquire
  // load that reads it is ordered after the plain write.
  t(2).Write(FLAG, 4, w);
  Store(2, MemOrder::kRelease);
  Load(3, MemOrder::kAcquire);
  EXPECT_EQ(Races(), 0u);
}

}  // namespace
}  // namespace ccsp::testing
