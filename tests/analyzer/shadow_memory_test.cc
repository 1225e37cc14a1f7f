// Shadow memory in isolation: FastTrack checks per byte, slot splitting and merging, read
// sets, clearing, that memory is given back when ranges are cleared, and that the inline
// fast path decides as the full check does.
#include "analyzer/detectors/shadow_memory.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace ccsp::analyzer {

class ShadowMemoryTestPeer {  // a friend of ShadowMemory: reaches the full check directly
 public:
  static void SlowAccess(ShadowMemory& s, uint64_t addr, uint64_t size, const AccessInfo& cur,
                         const VectorClock& vc, RaceSink& sink) {
    s.AccessSlow(addr, size, cur, vc, sink);
  }
};

namespace {

struct Race {
  AccessInfo cur, prev;
  uint64_t cur_addr, prev_addr;
};

class Sink : public RaceSink {
 public:
  void OnRace(const AccessInfo& cur, uint64_t cur_addr, const AccessInfo& prev,
              uint64_t prev_addr) override {
    races.push_back(Race{cur, prev, cur_addr, prev_addr});
  }
  std::vector<Race> races;
};

class ShadowTest : public ::testing::Test {
 protected:
  ShadowTest() {
    for (TaskIndex t = 0; t < 4; ++t) vc[t].Set(t, 1);
  }
  void Acc(TaskIndex t, uint64_t addr, uint64_t size, bool write, bool atomic = false,
           uint32_t site = 0) {
    AccessInfo cur;
    cur.task = t;
    cur.clock = vc[t].Get(t);
    cur.site = site ? site : 100 + t;
    cur.size_flags = AccessInfo::Flags(size, write, atomic);
    shadow.Access(addr, size, cur, vc[t], sink);
  }
  // t1 acquires everything t0 did so far.
  void Sync(TaskIndex from, TaskIndex to) {
    vc[to].Join(vc[from]);
    ASSERT_TRUE(vc[from].Tick(from));
  }
  ShadowMemory shadow;
  Sink sink;
  VectorClock vc[4];
};

TEST_F(ShadowTest, WriteWriteRace) {
  Acc(0, 0x1000, 4, true);
  Acc(1, 0x1000, 4, true);
  ASSERT_EQ(sink.races.size(), 1u);
  EXPECT_EQ(sink.races[0].prev.task, 0u);
  EXPECT_EQ(sink.races[0].prev_addr, 0x1000u);
  EXPECT_EQ(sink.races[0].prev.size(), 4u);
}

TEST_F(ShadowTest, OrderedWritesDoNotRace) {
  Acc(0, 0x1000, 4, true);
  Sync(0, 1);
  Acc(1, 0x1000, 4, true);
  EXPECT_TRUE(sink.races.empty());
}

TEST_F(ShadowTest, ReadsNeverRaceWithReads) {
  Acc(0, 0x1000, 8, false);
  Acc(1, 0x1000, 8, false);
  Acc(2, 0x1000, 8, false);
  EXPECT_TRUE(sink.races.empty());
}

TEST_F(ShadowTest, WriteAfterSharedReadsRacesWithEachReader) {
  Acc(0, 0x1000, 8, false);
  Acc(1, 0x1000, 8, false);
  Acc(2, 0x1000, 8, true);
  EXPECT_EQ(sink.races.size(), 2u);
}

TEST_F(ShadowTest, ReadSetDropsOrderedReads) {
  Acc(0, 0x1000, 8, false);
  Acc(1, 0x1000, 8, false);  // read set {0, 1}
  Sync(0, 2);
  Sync(1, 2);
  Acc(2, 0x1000, 8, true);  // ordered after both
  EXPECT_TRUE(sink.races.empty());
}

TEST_F(ShadowTest, AdjacentBytesDoNotConflict) {
  Acc(0, 0x1000, 1, true);
  Acc(1, 0x1001, 1, true);
  Acc(2, 0x1002, 2, true);
  Acc(3, 0x1004, 4, true);
  EXPECT_TRUE(sink.races.empty());
  Acc(0, 0x1001, 1, false);  // now task 0 reads task 1's byte
  EXPECT_EQ(sink.races.size(), 1u);
}

TEST_F(ShadowTest, PartialOverlapAcrossGranulesRaces) {
  Acc(0, 0x1000, 8, true);
  Acc(1, 0x1007, 4, true);  // overlaps byte 7 only, spills into the next granule
  ASSERT_EQ(sink.races.size(), 1u);
  EXPECT_EQ(sink.races[0].cur_addr, 0x1007u);
}

TEST_F(ShadowTest, MixedSizesSplitAndKeepPrecision) {
  Acc(0, 0x2000, 8, true);
  Sync(0, 1);
  Sync(0, 2);
  Acc(1, 0x2000, 4, true);  // low half now task 1
  Acc(2, 0x2004, 4, true);  // high half task 2
  EXPECT_TRUE(sink.races.empty());
  Acc(3, 0x2002, 4, false);  // straddles both halves; races with both writers
  EXPECT_EQ(sink.races.size(), 2u);
}

TEST_F(ShadowTest, AtomicVsAtomicIsNotARace) {
  Acc(0, 0x3000, 4, true, true);
  Acc(1, 0x3000, 4, true, true);
  Acc(2, 0x3000, 4, false, true);
  EXPECT_TRUE(sink.races.empty());
}

TEST_F(ShadowTest, AtomicVsPlainIsARace) {
  Acc(0, 0x3000, 4, true, true);
  Acc(1, 0x3000, 4, false, false);
  EXPECT_EQ(sink.races.size(), 1u);
  Acc(2, 0x3100, 4, true, false);
  Acc(3, 0x3100, 4, false, true);
  EXPECT_EQ(sink.races.size(), 2u);
}

TEST_F(ShadowTest, SameEpochRepeatsAreCheap) {
  for (int i = 0; i < 100; ++i) Acc(0, 0x4000, 8, true);
  Acc(1, 0x4000, 8, true);
  EXPECT_EQ(sink.races.size(), 1u);
}

TEST_F(ShadowTest, RangeReportsOncePerEarlierAccess) {
  for (uint64_t a = 0x5000; a < 0x5400; a += 8) Acc(0, a, 8, true, false, 7);
  shadow.Access(0x5000, 0x400, [&] {
    AccessInfo c;
    c.task = 1;
    c.clock = 1;
    c.site = 9;
    c.size_flags = AccessInfo::Flags(0x400, true, false);
    return c;
  }(), vc[1], sink);
  // One earlier access (same task, epoch, site) over 128 granules: one report.
  EXPECT_EQ(sink.races.size(), 1u);
}

TEST_F(ShadowTest, ByteLoopSlotsMerge) {
  for (uint64_t a = 0x6000; a < 0x6008; ++a) Acc(0, a, 1, true);
  Acc(1, 0x6000, 8, false);
  ASSERT_EQ(sink.races.size(), 1u);
  EXPECT_EQ(sink.races[0].prev.size(), 8u);  // merged into one span
}

TEST_F(ShadowTest, ClearForgetsHistoryAndFreesPages) {
  Acc(0, 0x7000, 8, true);
  Acc(0, 0x9000, 8, true);
  size_t pages = shadow.pages();
  EXPECT_EQ(pages, 2u);
  shadow.Clear(0x7000, 8);
  EXPECT_EQ(shadow.pages(), 1u);
  Acc(1, 0x7000, 8, true);
  EXPECT_TRUE(sink.races.empty());
}

TEST_F(ShadowTest, PartialClearKeepsOtherBytes) {
  Acc(0, 0x7000, 8, true);
  shadow.Clear(0x7000, 4);
  Acc(1, 0x7000, 4, true);
  EXPECT_TRUE(sink.races.empty());
  Acc(1, 0x7004, 4, true);
  EXPECT_EQ(sink.races.size(), 1u);
}

TEST_F(ShadowTest, CheckWriteAndClearReportsThenForgets) {
  Acc(0, 0x8000, 8, true);
  AccessInfo fr;
  fr.task = 1;
  fr.clock = 1;
  fr.size_flags = AccessInfo::Flags(64, true, false);
  shadow.CheckWriteAndClear(0x8000, 64, fr, vc[1], sink);
  EXPECT_EQ(sink.races.size(), 1u);
  EXPECT_EQ(shadow.pages(), 0u);
}

TEST_F(ShadowTest, HugeClearOverSparseStateIsFast) {
  Acc(0, 0x10000, 8, true);
  Acc(0, uint64_t{1} << 40, 8, true);
  shadow.Clear(0, ~uint64_t{0});  // visits only existing pages
  EXPECT_EQ(shadow.pages(), 0u);
}

TEST_F(ShadowTest, PageLimitStopsNewPages) {
  shadow.set_page_limit(2);
  for (uint64_t i = 0; i < 10; ++i) Acc(0, i << 20, 8, true);
  EXPECT_EQ(shadow.pages(), 2u);
  EXPECT_TRUE(shadow.hit_page_limit());
}

bool Same(const AccessInfo& a, const AccessInfo& b) {
  return a.task == b.task && a.clock == b.clock && a.stack == b.stack && a.site == b.site &&
         a.size_flags == b.size_flags && a.addr_delta == b.addr_delta;
}

// The inline fast path of Access against the full check (AccessSlow): random accesses of
// every size and kind by a few tasks that synchronize now and then, with clears and frees in
// between, must report the same races in the same order.
TEST(ShadowFastPath, SameRacesAsTheFullCheck) {
  std::mt19937_64 rng(17);
  for (int round = 0; round < 40; ++round) {
    ShadowMemory fast, slow;
    Sink fast_log, slow_log;
    constexpr TaskIndex kTasks = 4;
    VectorClock vc[kTasks];
    for (TaskIndex t = 0; t < kTasks; ++t) vc[t].Set(t, 1);
    // A small area across a shadow page boundary, so granules are shared and split.
    uint64_t base = ShadowMemory::kPageBytes * (1 + round) - 64;
    for (int step = 0; step < 4000; ++step) {
      TaskIndex t = static_cast<TaskIndex>(rng() % kTasks);
      unsigned what = rng() % 100;
      if (what < 80) {
        static const uint64_t kSizes[] = {1, 2, 4, 8, 8, 8, 16, 3, 24};
        uint64_t size = kSizes[rng() % 9];
        uint64_t addr = base + rng() % 128;
        if (rng() % 3) addr &= ~uint64_t{size >= 8 ? 7 : size - 1};
        AccessInfo cur;
        cur.task = t;
        cur.clock = vc[t].Get(t);
        cur.stack = static_cast<uint32_t>(rng() % 3);
        cur.site = static_cast<uint32_t>(1 + rng() % 5);
        cur.size_flags = AccessInfo::Flags(size, rng() % 3 == 0, rng() % 6 == 0);
        fast.Access(addr, size, cur, vc[t], fast_log);
        ShadowMemoryTestPeer::SlowAccess(slow, addr, size, cur, vc[t], slow_log);
      } else if (what < 92) {  // t releases to u (u joins t's clock; t ticks)
        TaskIndex u = static_cast<TaskIndex>(rng() % kTasks);
        vc[u].Join(vc[t]);
        ASSERT_TRUE(vc[t].Tick(t));
      } else if (what < 96) {
        ASSERT_TRUE(vc[t].Tick(t));
      } else if (what < 98) {
        uint64_t addr = base + rng() % 128, size = 1 + rng() % 64;
        fast.Clear(addr, size);
        slow.Clear(addr, size);
      } else {
        uint64_t addr = base + rng() % 128, size = 1 + rng() % 64;
        AccessInfo cur;
        cur.task = t;
        cur.clock = vc[t].Get(t);
        cur.site = 99;
        cur.size_flags = AccessInfo::Flags(size, true, false);
        fast.CheckWriteAndClear(addr, size, cur, vc[t], fast_log);
        slow.CheckWriteAndClear(addr, size, cur, vc[t], slow_log);
      }
      ASSERT_EQ(fast_log.races.size(), slow_log.races.size()) << "round " << round << " step " << step;
      ASSERT_EQ(fast.pages(), slow.pages());
    }
    for (size_t i = 0; i < fast_log.races.size(); ++i) {
      const Race &a = fast_log.races[i], &b = slow_log.races[i];
      EXPECT_TRUE(Same(a.cur, b.cur) && Same(a.prev, b.prev)) << i;
      EXPECT_EQ(a.cur_addr, b.cur_addr);
      EXPECT_EQ(a.prev_addr, b.prev_addr);
    }
    EXPECT_GT(fast_log.races.size(), 0u);
  }
}

}  // namespace
}  // namespace ccsp::analyzer
