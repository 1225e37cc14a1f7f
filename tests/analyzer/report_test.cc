// Renderer golden tests: a fixed synthetic trace with a race, a misuse and an all-asleep
// deadlock, rendered as text (plain and coloured) and JSON and compared with the files in
// golden/. Set CCSP_UPDATE_GOLDEN=1 to rewrite them after an intended change.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/reports/report_json.h"
#include "analyzer/reports/report_text.h"
#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::AnalysisResult;
using trace::BlockOp;
using trace::MisuseKind;
using trace::SyncKind;

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void ExpectGolden(const std::string& name, std::string actual) {
  std::string path = std::string(CCSP_GOLDEN_DIR) + "/" + name;
  const char* update = std::getenv("CCSP_UPDATE_GOLDEN");
  if (update && *update == '1') {
    std::ofstream(path) << actual;
    return;
  }
  EXPECT_EQ(ReadText(path), actual) << "golden file " << path
                                    << " differs (CCSP_UPDATE_GOLDEN=1 rewrites it)";
}

class ReportTest : public TraceTest {
 protected:
  AnalysisResult Build() {
    TraceBuilder& tb = b();
    uint32_t main_fn = tb.Site("main", "src/bank.cpp", 25, 1);
    uint32_t spawn = tb.Site("main", "src/bank.cpp", 30, 7);
    uint32_t worker = tb.Site("worker(int)", "src/bank.cpp", 12, 1);
    uint32_t deposit = tb.Site("worker(int)", "src/bank.cpp", 17, 5);
    uint32_t audit = tb.Site("worker(int)", "src/bank.cpp", 19, 12);
    uint32_t alloc = tb.Site("main", "src/bank.cpp", 27, 20);
    uint32_t close_site = tb.Site("main", "src/bank.cpp", 40, 3);
    uint32_t lock = tb.Site("worker(int)", "src/bank.cpp", 21, 9);
    tb.Global(0x601040, 4, "balance", "src/bank.cpp", 5);
    tb.TaskName(3, "auditor");
    tb.Arg(0, "./bank");
    tb.T(1).Sync(SyncKind::kTaskStart).Enter(0, main_fn);
    tb.T(1).Sync(SyncKind::kAlloc, 0x7b0400000010, 64, 0, alloc);
    tb.Spawn(1, 2, spawn);
    tb.Spawn(1, 3, spawn);
    tb.T(2).Enter(spawn, worker).Write(0x601040, 4, deposit);
    tb.T(3).Enter(spawn, worker).Read(0x601040, 4, audit);
    tb.T(3).Write(0x7b0400000018, 8, deposit);
    tb.T(2).Write(0x7b0400000018, 8, deposit).Write(0x7b0400000018, 8, audit);
    tb.T(1).Sync(SyncKind::kMisuse, 0x7b0400000100,
                 static_cast<uint64_t>(MisuseKind::kCloseClosed), 0, close_site);
    tb.Panic(1, "close of closed channel");
    tb.T(2).Sync(SyncKind::kBlockBegin, 0x7b0400000200, static_cast<uint64_t>(BlockOp::kMutexLock), 0, lock);
    tb.T(1).Sync(SyncKind::kBlockBegin, 0x7b0400000300, static_cast<uint64_t>(BlockOp::kChanRecv), 0, close_site);
    tb.T(3).Sync(SyncKind::kTaskEnd);
    tb.T(1).Sync(SyncKind::kAllAsleep, 0, 2);
    tb.SetComplete(2);
    AnalysisResult r = Analyze();
    r.trace.path = "bank.trace";  // stable in golden output
    return r;
  }
};

TEST_F(ReportTest, TextGolden) {
  AnalysisResult r = Build();
  std::ostringstream out;
  analyzer::RenderText(r, {}, out);
  analyzer::RenderTextSummary({r}, {}, out);
  ExpectGolden("report.txt", out.str());
}

TEST_F(ReportTest, ColourOnlyWhenAsked) {
  AnalysisResult r = Build();
  std::ostringstream plain, colour;
  analyzer::RenderText(r, {}, plain);
  analyzer::TextOptions c;
  c.color = true;
  analyzer::RenderText(r, c, colour);
  EXPECT_EQ(plain.str().find('\033'), std::string::npos);
  EXPECT_NE(colour.str().find("\033[1m\033[31mWARNING: DATA RACE"), std::string::npos);
}

TEST_F(ReportTest, JsonGolden) {
  AnalysisResult r = Build();
  std::ostringstream out;
  analyzer::RenderJson({r}, out);
  ExpectGolden("report.json", out.str());
}

TEST_F(ReportTest, JsonShape) {
  AnalysisResult r = Build();
  std::ostringstream out;
  analyzer::RenderJson({r}, out);
  auto j = nlohmann::json::parse(out.str());
  ASSERT_TRUE(j["reports"].is_array());
  const auto& race = j["reports"][0];
  EXPECT_EQ(race["kind"], "data-race");
  ASSERT_EQ(race["accesses"].size(), 2u);
  EXPECT_EQ(race["accesses"][0]["op"], "read");
  EXPECT_EQ(race["accesses"][0]["task"], 3);
  EXPECT_EQ(race["accesses"][1]["op"], "write");
  EXPECT_EQ(race["accesses"][1]["stack"][0]["line"], 17);
  EXPECT_EQ(race["location"]["kind"], "global");
  EXPECT_EQ(race["location"]["name"], "balance");
  EXPECT_EQ(race["tasks"][0]["created_by"], 1);
  EXPECT_EQ(j["summary"]["data-race"], 2);
  EXPECT_EQ(j["summary"]["misuse"], 1);
  EXPECT_EQ(j["summary"]["all-asleep"], 1);
  EXPECT_EQ(j["trace"]["complete"], true);
  EXPECT_EQ(j["trace"]["exit_status"], 2);
  bool saw_asleep = false;
  for (const auto& rep : j["reports"])
    if (rep["kind"] == "all-asleep") {
      saw_asleep = true;
      EXPECT_EQ(rep["tasks"][0]["op"], "chan-receive");
      EXPECT_TRUE(rep["tasks"][0]["stack"].is_array());
    }
  EXPECT_TRUE(saw_asleep);
}

TEST_F(ReportTest, SuppressedReportsAreHiddenAndCounted) {
  auto s = analyzer::Suppressions::Parse("race:balance\n", "s");
  analyzer::AnalyzeOptions opts;
  opts.suppressions = &s.value();
  (void)Build();
  auto r = analyzer::AnalyzeFile(path_, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Suppressed(), 1u);
  std::ostringstream text, json;
  analyzer::RenderTextSummary({*r}, {}, text);
  EXPECT_NE(text.str().find("1 data race(s)"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("1 suppressed"), std::string::npos);
  analyzer::RenderJson({*r}, json);
  auto j = nlohmann::json::parse(json.str());
  EXPECT_EQ(j["summary"]["suppressed"], 1);
  EXPECT_EQ(j["summary"]["data-race"], 1);
}

TEST_F(ReportTest, CleanRunSummary) {
  b().T(1).Sync(SyncKind::kTaskStart);
  b().SetComplete(0);
  AnalysisResult r = Analyze();
  std::ostringstream out;
  analyzer::RenderText(r, {}, out);
  analyzer::RenderTextSummary({r}, {}, out);
  EXPECT_EQ(out.str(), "SUMMARY: ccsp: 0 data race(s), 0 misuse(s), 0 all-asleep deadlock(s)\n");
}

}  // namespace
}  // namespace ccsp::testing
