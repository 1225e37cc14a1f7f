// Engine memory follows the live tasks: a task gets its clock at its first event (not when
// its stream is opened), and a finished task's clock is dropped once nothing can acquire it
// (joined, or detached). Without that, a program that keeps starting tasks costs memory
// quadratic in the number of tasks (every clock is as long as the task index).
#include <gtest/gtest.h>

#include "analyzer/base/diagnostics.h"
#include "analyzer/reading/metadata.h"
#include "analyzer/hb/engine.h"
#include "analyzer/reading/trace_file.h"
#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::Engine;
using analyzer::TaskId;
using trace::SyncKind;

class ReplayMemoryTest : public TraceTest {
 protected:
  // Runs the replay on the finished trace and hands it to check.
  template <class F>
  void Replay(F&& check) {
    b().Finish();
    analyzer::Diagnostics diag;
    auto file = analyzer::TraceFile::Open(path_, diag);
    ASSERT_TRUE(file.ok());
    analyzer::Metadata meta = analyzer::Metadata::Load(**file, diag);
    Engine engine(**file, meta, diag);
    engine.Run();
    check(engine);
  }
};

TEST_F(ReplayMemoryTest, FinishedTasksGiveTheirClocksBack) {
  uint32_t site = b().Site("work", "m.cc", 1, 1);
  b().T(1).Sync(SyncKind::kTaskStart);
  for (uint32_t c = 2; c < 200; ++c) {
    b().Spawn(1, c);
    b().T(c).Write(0x1000 + c * 8, 8, site);
    if (c % 3 == 0) {
      b().Join(1, c);
    } else if (c % 3 == 1) {
      b().T(1).Sync(SyncKind::kTaskDetach, 0, c);
      b().T(c).Sync(SyncKind::kTaskEnd);
    } else {
      b().T(c).Sync(SyncKind::kTaskEnd);
      b().T(1).Sync(SyncKind::kTaskDetach, 0, c);
    }
  }
  b().T(1).Sync(SyncKind::kTaskCreate, 0, 500);  // created, never ran
  b().T(1).Write(0x1000, 8, site);
  Replay([](const Engine& r) {
    for (uint32_t c = 2; c < 200; ++c) {
      const analyzer::Task* t = r.FindTask(TaskId(c));
      ASSERT_NE(t, nullptr);
      EXPECT_TRUE(t->ended);
      EXPECT_EQ(t->clock.size(), 0u) << "task " << c;
    }
    EXPECT_EQ(r.FindTask(TaskId(500))->clock.size(), 0u);  // never needed one
    EXPECT_GE(r.FindTask(TaskId(1))->clock.size(), 150u);  // the live task keeps its clock
  });
}

TEST_F(ReplayMemoryTest, JoinStillOrdersAfterTheClockIsDropped) {
  uint32_t w = b().Site("w", "m.cc", 2, 1), r = b().Site("r", "m.cc", 3, 1);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Spawn(1, 2);
  b().T(2).Write(0x2000, 8, w).Sync(SyncKind::kTaskEnd);
  b().T(1).Sync(SyncKind::kTaskJoin, 0, 2);  // 2's clock joins 1's, then is dropped
  b().T(1).Write(0x2000, 8, r);               // ordered after 2's write
  b().Spawn(1, 3);
  b().T(3).Write(0x2000, 8, r);  // ordered after both, through 1
  EXPECT_EQ(Races(), 0u);
}

}  // namespace
}  // namespace ccsp::testing
