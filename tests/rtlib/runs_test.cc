// Runtime tests, access runs: contiguous accesses of one site and kind are written as two
// Access records and then one Run record whose count grows in place; a sync event, a gap,
// another site or a written frame ends a run; a killed program's trace still counts every
// element of an open run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "scenario_runner.h"

using namespace ccsp::trace;
using namespace ccsp::rttest;

namespace {

std::vector<uint64_t> Addresses(const std::string& out) {
  std::istringstream in(out);
  std::vector<uint64_t> v;
  std::string w;
  while (in >> w) v.push_back(std::stoull(w, nullptr, 16));
  return v;
}

struct RunDesc {
  uint64_t addr;
  uint64_t size;
  uint32_t count;
  bool write;
};

bool operator==(const RunDesc& a, const RunDesc& b) {
  return a.addr == b.addr && a.size == b.size && a.count == b.count && a.write == b.write;
}

std::ostream& operator<<(std::ostream& o, const RunDesc& r) {
  return o << "{" << std::hex << r.addr << std::dec << " size " << r.size << " x" << r.count
           << (r.write ? " write" : " read") << "}";
}

TEST(Runtime, ContiguousAccessesBecomeRuns) {
  Scenario s = RunScenario("runs");
  ASSERT_EQ(s.run.status, 0) << s.run.err;
  ASSERT_EQ(s.trace.error, "");
  std::vector<uint64_t> arr = Addresses(s.run.out);
  ASSERT_EQ(arr.size(), 5u) << s.run.out;
  uint64_t a = arr[0], b = arr[1], c = arr[2], d = arr[3], e = arr[4];
  std::vector<RunDesc> got;
  for (const Record& r : s.trace.Runs(1)) got.push_back({r.addr, r.size, r.count, r.write});
  // Each run is written from its third element on; the first two are Access records.
  std::vector<RunDesc> want = {
      {a + 16, 8, 30, false}, {b + 16, 8, 30, true},   // interleaved sites: one run each
      {c + 8, 4, 8, false},   {c + 68, 4, 8, false},   // a gap of 5 elements after c[9]
      {d + 16, 8, 2, false},  {d + 48, 8, 2, false},   // a sync event before d[4]
      {e + 16, 8, 2, false},  {e + 48, 8, 2, false},   // another site from e[4]
      {e + 80, 8, 2, false},  {e + 112, 8, 2, false},  // a recorded call before e[12]
  };
  EXPECT_EQ(got, want);
  // The two elements before a run are Access records just before it, and the sync that
  // broke the d run lies between the two runs.
  const std::vector<Record>& recs = s.trace.tasks.at(1);
  size_t sync_at = 0, d_run1 = 0, d_run2 = 0;
  for (size_t i = 0; i < recs.size(); ++i) {
    if (IsRunOp(recs[i].op) && recs[i].addr == d + 16) d_run1 = i;
    if (IsRunOp(recs[i].op) && recs[i].addr == d + 48) d_run2 = i;
    if (recs[i].op == kOpSync && recs[i].sync_kind == SyncKind::kRelease && recs[i].arg1 == 1) sync_at = i;
  }
  EXPECT_LT(d_run1, sync_at);
  EXPECT_LT(sync_at, d_run2);
  ASSERT_GT(d_run2, 1u);
  EXPECT_TRUE(IsAccessOp(recs[d_run2 - 2].op));
  EXPECT_EQ(recs[d_run2 - 2].addr, d + 32);
  EXPECT_TRUE(IsAccessOp(recs[d_run2 - 1].op));
  EXPECT_EQ(recs[d_run2 - 1].addr, d + 40);
  // Expanded, the runs stand for exactly the accesses made.
  EXPECT_EQ(s.trace.Accesses(1).size(), 32u + 32 + 20 + 8 + 8 + 8 + 1);
}

TEST(Runtime, RunsOffWritesEveryAccess) {
  Scenario s = RunScenario("runs", "runs=0");
  ASSERT_EQ(s.run.status, 0) << s.run.err;
  EXPECT_EQ(s.trace.Option("runs"), "0");
  EXPECT_TRUE(s.trace.Runs(1).empty());
  EXPECT_EQ(s.trace.Accesses(1).size(), 32u + 32 + 20 + 8 + 8 + 8 + 1);
}

TEST(Runtime, SigkillKeepsTheOpenRunsElements) {
  Scenario s = RunScenario("run_killed");
  EXPECT_FALSE(s.run.exited);
  EXPECT_EQ(s.run.status, 9);
  ASSERT_EQ(s.trace.error, "");
  std::vector<uint64_t> arr = Addresses(s.run.out);
  ASSERT_EQ(arr.size(), 1u) << s.run.out;
  std::vector<Record> runs = s.trace.Runs(1);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].addr, arr[0] + 4);
  EXPECT_EQ(runs[0].count, 4998u);
  EXPECT_TRUE(runs[0].write);
  std::vector<Record> acc = s.trace.Accesses(1);
  ASSERT_EQ(acc.size(), 5000u);
  for (size_t i = 0; i < acc.size(); ++i) {
    ASSERT_EQ(acc[i].addr, arr[0] + 2 * i);
    ASSERT_EQ(acc[i].size, 2u);
  }
}

}  // namespace
