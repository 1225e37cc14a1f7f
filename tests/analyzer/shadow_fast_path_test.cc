// The inline fast path of ShadowMemory::Access against the full check (AccessSlow): random
// accesses of every size and kind by a few tasks that synchronize now and then, with clears
// and frees in between, must report the same races in the same order.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "analyzer/shadow_memory.h"

namespace ccsp::analyzer {

class ShadowMemoryTestPeer {
 public:
  static void SlowAccess(ShadowMemory& s, uint64_t addr, uint64_t size, const AccessInfo& cur,
                         const VectorClock& vc, RaceSink& sink) {
    s.AccessSlow(addr, size, cur, vc, sink);
  }
};

namespace {

struct Seen {
  AccessInfo cur, prev;
  uint64_t cur_addr, prev_addr;
};

class Log : public RaceSink {
 public:
  void OnRace(const AccessInfo& cur, uint64_t cur_addr, const AccessInfo& prev,
              uint64_t prev_addr) override {
    seen.push_back(Seen{cur, prev, cur_addr, prev_addr});
  }
  std::vector<Seen> seen;
};

bool Same(const AccessInfo& a, const AccessInfo& b) {
  return a.task == b.task && a.clock == b.clock && a.stack == b.stack && a.site == b.site &&
         a.size_flags == b.size_flags && a.addr_delta == b.addr_delta;
}

TEST(ShadowFastPath, SameRacesAsTheFullCheck) {
  std::mt19937_64 rng(17);
  for (int round = 0; round < 40; ++round) {
    ShadowMemory fast, slow;
    Log fast_log, slow_log;
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
        vc[t].Tick(t);
      } else if (what < 96) {
        vc[t].Tick(t);
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
      ASSERT_EQ(fast_log.seen.size(), slow_log.seen.size()) << "round " << round << " step " << step;
      ASSERT_EQ(fast.pages(), slow.pages());
    }
    for (size_t i = 0; i < fast_log.seen.size(); ++i) {
      const Seen &a = fast_log.seen[i], &b = slow_log.seen[i];
      EXPECT_TRUE(Same(a.cur, b.cur) && Same(a.prev, b.prev)) << i;
      EXPECT_EQ(a.cur_addr, b.cur_addr);
      EXPECT_EQ(a.prev_addr, b.prev_addr);
    }
    EXPECT_GT(fast_log.seen.size(), 0u);
  }
}

}  // namespace
}  // namespace ccsp::analyzer
