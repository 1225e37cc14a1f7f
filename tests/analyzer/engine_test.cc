// The engine's contract with consumers: a consumer added in one file, outside the engine,
// sees every event with the engine's state (here: blocking time per object, from the block
// state the engine keeps); and logical clocks that never wrap silently.
#include <gtest/gtest.h>

#include <map>

#include "analyzer/hb/consumer.h"
#include "analyzer/hb/engine.h"
#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::Consumer;
using analyzer::ObjectId;
using analyzer::SyncContext;
using analyzer::Task;
using trace::BlockOp;
using trace::SyncKind;

// Nanoseconds tasks spent blocked, per object they waited on.
class BlockTimePerObject final : public Consumer {
 public:
  uint32_t interests() const override { return kSyncs; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext&) override {
    if (r.sync_kind == SyncKind::kBlockEnd) total[t.block.object] += r.ts - t.block.ts;
  }
  std::map<ObjectId, uint64_t> total;
};

class EngineTest : public TraceTest {};

TEST_F(EngineTest, AConsumerInOneFileSeesBlockStates) {
  constexpr uint64_t kMu = 0x100, kCh = 0x200;
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Spawn(1, 2);
  // Builder timestamps are seq * 10 ns, so each wait lasts 10 ns per record in between.
  b().T(2).Sync(SyncKind::kBlockBegin, kMu, static_cast<uint64_t>(BlockOp::kMutexLock));
  b().T(1).Sync(SyncKind::kMutexUnlock, kMu);
  b().T(1).Sync(SyncKind::kMutexLock, kMu);
  b().T(2).Sync(SyncKind::kBlockEnd, kMu, static_cast<uint64_t>(BlockOp::kMutexLock));
  b().T(2).Sync(SyncKind::kBlockBegin, kCh, static_cast<uint64_t>(BlockOp::kChanRecv));
  b().T(2).Sync(SyncKind::kBlockEnd, kCh, static_cast<uint64_t>(BlockOp::kChanRecv));
  BlockTimePerObject per_object;
  analyzer::AnalyzeOptions opts;
  opts.extra_consumers.push_back(&per_object);
  analyzer::AnalysisResult r = Analyze(opts);
  EXPECT_EQ(r.Reported(), 0u);
  ASSERT_EQ(per_object.total.size(), 2u);
  EXPECT_EQ(per_object.total[ObjectId(kMu)], 30u);  // begin at seq 3, end at seq 6
  EXPECT_EQ(per_object.total[ObjectId(kCh)], 10u);
}

// A task whose clock would pass the limit stops the analysis with an error naming it, instead
// of wrapping (a wrapped clock would order unordered accesses and hide races).
TEST_F(EngineTest, ClockLimitIsAnErrorNotAWrap) {
  b().T(1).Sync(SyncKind::kTaskStart);
  for (int i = 0; i < 8; ++i) b().T(1).Sync(SyncKind::kRelease, 0x10);
  b().Finish();
  analyzer::AnalyzeOptions opts;
  opts.first_clock = analyzer::kMaxClock - 4;
  auto r = analyzer::AnalyzeFile(path_, opts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("task 1 has more than"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("synchronization events"), std::string::npos);
}

// Clock values past 2^31 (half of the 32-bit range) still compare correctly: the race is
// found, and its ordered twin is clean.
TEST_F(EngineTest, LargeClockValuesKeepVerdicts) {
  uint32_t w = b().Site("w", "e.cc", 1, 1), r = b().Site("r", "e.cc", 2, 1);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Spawn(1, 2);
  b().T(2).Write(0x1000, 8, w);
  b().T(1).Write(0x1000, 8, r);  // unordered with task 2's write
  b().T(2).Write(0x2000, 8, w).Sync(SyncKind::kTaskEnd);
  b().T(1).Sync(SyncKind::kTaskJoin, 0, 2);
  b().T(1).Write(0x2000, 8, r);  // ordered by the join
  analyzer::AnalyzeOptions opts;
  opts.first_clock = (uint32_t{1} << 31) + 12345;
  analyzer::AnalysisResult res = Analyze(opts);
  ASSERT_EQ(res.Count(analyzer::FindingKind::kDataRace), 1u);
  EXPECT_EQ(res.findings[0].accesses[0].addr, 0x1000u);
}

}  // namespace
}  // namespace ccsp::testing
