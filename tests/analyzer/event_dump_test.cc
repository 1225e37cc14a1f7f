// `dump`: one line per event in seq order with task, fields, site and (with --vc) the
// vector clock after the event.
#include "analyzer/dump/event_dump.h"

#include <gtest/gtest.h>

#include <sstream>

#include "test_util.h"

namespace ccsp::testing {
namespace {

using trace::SyncKind;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l))
    if (!l.empty() && l[0] != '#') out.push_back(l);
  return out;
}

TEST_F(TraceTest, DumpPrintsEventsInSeqOrderWithClocks) {
  uint32_t site = b().Site("worker", "w.cc", 7, 3);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Spawn(1, 2);
  b().T(2).Write(0x1000, 4, site).Sync(SyncKind::kMutexUnlock, 0x50);
  b().T(1).Sync(SyncKind::kMutexLock, 0x50, 0, 0, site);
  b().Finish();
  std::ostringstream out;
  analyzer::DumpOptions opts;
  opts.vector_clocks = true;
  auto r = analyzer::DumpTrace(path_, opts, out);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 6u) << out.str();
  EXPECT_NE(lines[0].find("T1"), std::string::npos);
  EXPECT_NE(lines[0].find("TaskStart"), std::string::npos);
  EXPECT_NE(lines[3].find("write 4 0x1000"), std::string::npos) << lines[3];
  EXPECT_NE(lines[3].find("worker w.cc:7:3"), std::string::npos) << lines[3];
  EXPECT_NE(lines[5].find("MutexLock"), std::string::npos);
  // After the lock, task 1 knows task 2's clock at its unlock.
  EXPECT_NE(lines[5].find("vc={1:"), std::string::npos) << lines[5];
  EXPECT_NE(lines[5].find("2:2"), std::string::npos) << lines[5];
  EXPECT_EQ(r->events, 6u);
}

TEST_F(TraceTest, DumpPrintsARunAsOneLineWithItsCountAndLastElement) {
  uint32_t site = b().Site("loop", "l.cc", 4, 9);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().T(1).Run(true, 0x2000, 8, 100, site);
  b().Finish();
  std::ostringstream out;
  auto r = analyzer::DumpTrace(path_, {}, out);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u) << out.str();
  EXPECT_NE(lines[1].find("write 8 0x2000 x100 (run to 0x2318)"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("loop l.cc:4:9"), std::string::npos) << lines[1];
}

TEST_F(TraceTest, DumpOfForeignFileIsAnError) {
  b().Finish();
  WriteFileBytes(path_, std::vector<uint8_t>(100, 1));
  std::ostringstream out;
  auto r = analyzer::DumpTrace(path_, {}, out);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace ccsp::testing
