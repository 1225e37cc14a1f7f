// Vector clocks and epochs: the algebra the whole happens-before model rests on.
#include "analyzer/hb/vector_clock.h"

#include <gtest/gtest.h>

namespace ccsp::analyzer {
namespace {

TEST(VectorClock, MissingComponentsAreZero) {
  VectorClock c;
  EXPECT_EQ(c.Get(0), 0u);
  EXPECT_EQ(c.Get(1000), 0u);
  EXPECT_TRUE(c.Empty());
}

TEST(VectorClock, JoinIsPointwiseMax) {
  VectorClock a, b;
  a.Set(0, 5);
  a.Set(1, 1);
  b.Set(1, 7);
  b.Set(3, 2);
  a.Join(b);
  EXPECT_EQ(a.Get(0), 5u);
  EXPECT_EQ(a.Get(1), 7u);
  EXPECT_EQ(a.Get(2), 0u);
  EXPECT_EQ(a.Get(3), 2u);
  EXPECT_EQ(b.Get(0), 0u);  // the argument is unchanged
}

TEST(VectorClock, JoinIsIdempotentAndCommutative) {
  VectorClock a, b;
  a.Set(0, 3);
  a.Set(2, 9);
  b.Set(1, 4);
  VectorClock ab = a, ba = b;
  ab.Join(b);
  ba.Join(a);
  EXPECT_TRUE(ab.LessEq(ba) && ba.LessEq(ab));
  VectorClock aa = a;
  aa.Join(a);
  EXPECT_TRUE(aa.LessEq(a) && a.LessEq(aa));
}

TEST(VectorClock, LessEqIsHappensBefore) {
  VectorClock a, b;
  a.Set(0, 1);
  b.Set(0, 2);
  b.Set(1, 1);
  EXPECT_TRUE(a.LessEq(b));
  EXPECT_FALSE(b.LessEq(a));
  a.Set(2, 1);
  EXPECT_FALSE(a.LessEq(b));  // concurrent
  EXPECT_FALSE(b.LessEq(a));
}

TEST(VectorClock, TickAdvancesOwnComponent) {
  VectorClock c;
  ASSERT_TRUE(c.Tick(2));
  ASSERT_TRUE(c.Tick(2));
  EXPECT_EQ(c.Get(2), 2u);
  EXPECT_EQ(c.size(), 3u);
}

TEST(VectorClock, CoversEpoch) {
  VectorClock c;
  c.Set(1, 4);
  EXPECT_TRUE(c.Covers(Epoch{1, 4}));
  EXPECT_TRUE(c.Covers(Epoch{1, 3}));
  EXPECT_FALSE(c.Covers(Epoch{1, 5}));
  EXPECT_FALSE(c.Covers(Epoch{7, 1}));
  EXPECT_TRUE(c.Covers(Epoch{}));  // no epoch
}

TEST(VectorClock, CopyFromReplaces) {
  VectorClock a, b;
  a.Set(5, 1);
  b.Set(0, 2);
  a.CopyFrom(b);
  EXPECT_EQ(a.Get(5), 0u);
  EXPECT_EQ(a.Get(0), 2u);
}

TEST(VectorClock, ToStringUsesTaskIds) {
  VectorClock c;
  c.Set(0, 3);
  c.Set(2, 1);
  EXPECT_EQ(c.ToString({TaskId(1), TaskId(5), TaskId(9)}), "{1:3, 9:1}");
}

}  // namespace
}  // namespace ccsp::analyzer
