// The replay's merge queue against std::priority_queue: same order of (seq, task) pairs
// under any mix of pushes, pops and top replacements, duplicates included.
#include "analyzer/hb/seq_queue.h"

#include <gtest/gtest.h>

#include <functional>
#include <queue>
#include <random>

namespace ccsp::analyzer {
namespace {

TEST(SeqQueue, SameOrderAsPriorityQueue) {
  using Item = std::pair<uint64_t, TaskIndex>;
  std::mt19937_64 rng(3);
  for (int round = 0; round < 200; ++round) {
    SeqQueue q;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> ref;
    TaskIndex next_task = 0;
    for (int step = 0; step < 500; ++step) {
      unsigned what = rng() % 4;
      uint64_t seq = rng() % (round % 2 ? 8 : 1000);  // odd rounds: many equal seqs
      if (q.empty() || what == 0) {
        q.Push(seq, next_task);
        ref.push({seq, next_task});
        ++next_task;
      } else if (what == 1) {
        ASSERT_EQ(q.top_seq(), ref.top().first);
        ASSERT_EQ(q.top_task(), ref.top().second);
        q.Pop();
        ref.pop();
      } else {
        ASSERT_EQ(q.top_task(), ref.top().second);
        TaskIndex t = ref.top().second;
        uint64_t later = ref.top().first + seq;
        ref.pop();
        ref.push({later, t});
        q.ReplaceTop(later, t);
      }
      ASSERT_EQ(q.size(), ref.size());
    }
    while (!ref.empty()) {
      ASSERT_EQ(q.top_seq(), ref.top().first);
      ASSERT_EQ(q.top_task(), ref.top().second);
      q.Pop();
      ref.pop();
    }
    EXPECT_TRUE(q.empty());
  }
}

}  // namespace
}  // namespace ccsp::analyzer
