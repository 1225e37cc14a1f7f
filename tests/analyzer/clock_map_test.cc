// ClockMap against std::map under random inserts, joins and erases (colliding keys and
// keys that look like sentinels included), and reuse of erased clocks' storage.
#include "analyzer/hb/clock_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace ccsp::analyzer {
namespace {

TEST(ClockMap, BehavesLikeAMap) {
  std::mt19937_64 rng(5);
  ClockMap m;
  std::map<uint64_t, uint32_t> ref;  // key -> component 0 of its clock
  for (int step = 0; step < 100000; ++step) {
    uint64_t key = rng() % 3 == 0 ? ~uint64_t{0} - rng() % 4 : (rng() % 300) << (rng() % 3 * 20);
    switch (rng() % 3) {
      case 0: {
        uint32_t v = static_cast<uint32_t>(rng() % 1000 + 1);
        VectorClock c;
        c.Set(0, v);
        m.Get(key).Join(c);
        uint32_t& r = ref[key];
        r = std::max(r, v);
        break;
      }
      case 1: {
        VectorClock* c = m.Find(key);
        auto it = ref.find(key);
        ASSERT_EQ(c != nullptr, it != ref.end());
        if (c) EXPECT_EQ(c->Get(0), it->second);
        break;
      }
      case 2:
        m.Erase(key);
        ref.erase(key);
        break;
    }
    ASSERT_EQ(m.size(), ref.size());
    if (!ref.empty() && step % 97 == 0) EXPECT_EQ(m.LowestKey(), ref.begin()->first);
  }
  for (auto& [key, v] : ref) {
    ASSERT_NE(m.Find(key), nullptr);
    EXPECT_EQ(m.Find(key)->Get(0), v);
  }
}

TEST(ClockMap, ErasedClocksComeBackEmpty) {
  ClockMap m;
  VectorClock c;
  c.Set(3, 9);
  m.Get(1).Join(c);
  m.Erase(1);
  EXPECT_EQ(m.Find(1), nullptr);
  EXPECT_TRUE(m.Get(2).Empty());
  EXPECT_EQ(m.Get(2).size(), 0u);
}

}  // namespace
}  // namespace ccsp::analyzer
