// CCSP_OPTIONS through the real binaries: the instrumented options_program run directly (a
// bad item warns and the program still runs and records; help=1 lists every option), and
// `ccsp-analyze run` reading exitcode, suppressions and trace_path with the runtime's parser.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ccsp_options/option_text.h"
#include "run_program.h"

namespace {

using ccsp::rttest::MakeTempDir;
using ccsp::rttest::RunProgram;
using ccsp::rttest::RunResult;
namespace opt = ccsp::options;

constexpr int kTimeoutMs = 60000;  // a hang guard only; each run takes well under a second

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// The program itself, in `dir`, with exactly this CCSP_OPTIONS.
RunResult Program(const std::string& dir, const std::string& options, const char* mode) {
  return RunProgram({CCSP_OPTIONS_PROGRAM, mode}, {"CCSP_OPTIONS=" + options}, kTimeoutMs, dir);
}

// ccsp-analyze with args; TMPDIR=dir so that `run` keeps its trace there.
RunResult Analyze(const std::string& dir, std::vector<std::string> args, const std::string& options = "") {
  args.insert(args.begin(), CCSP_ANALYZE_BIN);
  return RunProgram(args, {"CCSP_OPTIONS=" + options, "TMPDIR=" + dir}, kTimeoutMs, dir);
}

std::vector<std::string> RunArgs(std::vector<std::string> flags, const char* mode) {
  flags.insert(flags.begin(), "run");
  flags.insert(flags.end(), {"--", CCSP_OPTIONS_PROGRAM, mode});
  return flags;
}

// The JSON report of `run --format=json`: stdout after the program's own line.
nlohmann::json Report(const RunResult& r) {
  size_t at = r.out.find('{');
  if (at == std::string::npos) return nlohmann::json::object();
  return nlohmann::json::parse(r.out.substr(at), nullptr, false);
}

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(OptionsEndToEnd, UnknownOptionWarnsAndTheProgramRunsAndRecords) {
  std::string dir = MakeTempDir(), trace = dir + "/t.bin";
  RunResult r = Program(dir, "trace_path=" + trace + ":no_such_option=1", "race");
  ASSERT_FALSE(r.timed_out);
  EXPECT_TRUE(r.exited);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ran 2 2\n");
  EXPECT_EQ(r.err.rfind("ccsp: warning: CCSP_OPTIONS: unknown option 'no_such_option' ignored; "
                        "valid options: trace_path, ", 0), 0u) << r.err;
  for (const opt::OptionInfo& i : opt::kOptionInfo) EXPECT_NE(r.err.find(i.name), std::string::npos) << i.name;
  EXPECT_EQ(Count(r.err, "\n"), 1u) << r.err;
  // It recorded: the trace is where trace_path said, and holds both races.
  RunResult a = Analyze(dir, {"--format=json", trace});
  EXPECT_EQ(a.status, 66) << a.err;
  EXPECT_EQ(Report(a)["summary"]["data-race"], 2) << a.out;
}

TEST(OptionsEndToEnd, BadValueWarnsAndKeepsTheDefault) {
  std::string dir = MakeTempDir(), trace = dir + "/t.bin";
  RunResult r = Program(dir, "trace_path=" + trace + ":verbosity=2:watchdog_interval_ms=0", "clean");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ran 2 2\n");
  EXPECT_EQ(r.err.rfind("ccsp: warning: CCSP_OPTIONS: bad value '0' for watchdog_interval_ms "
                        "(expected a number in 1..3600000); keeping watchdog_interval_ms=100\n", 0), 0u)
      << r.err;
  EXPECT_NE(r.err.find("\nccsp: option watchdog_interval_ms=100\n"), std::string::npos) << r.err;
  EXPECT_EQ(Analyze(dir, {trace}).status, 0);
}

TEST(OptionsEndToEnd, HelpListsEveryOptionAndTheProgramRunsOn) {
  std::string dir = MakeTempDir(), trace = dir + "/t.bin";
  std::string options = "trace_path=" + trace + ":help=1";
  RunResult r = Program(dir, options, "clean");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ran 2 2\n");
  // Exactly the shared list, with the values in effect.
  EXPECT_EQ(r.err, opt::HelpText(opt::ParseOptionsText(options).values));
  const opt::Options defaults;
  for (size_t i = 0; i < opt::kOptionCount; ++i) {
    std::string line = "\n  " + std::string(opt::kOptionInfo[i].name) + "=" +
                       opt::ValueText(defaults, static_cast<opt::OptionId>(i)) + " ";
    EXPECT_NE(r.err.find(line), std::string::npos) << line;
    EXPECT_NE(r.err.find(opt::kOptionInfo[i].meaning), std::string::npos) << opt::kOptionInfo[i].name;
  }
  EXPECT_EQ(Analyze(dir, {trace}).status, 0);  // and it recorded
}

TEST(OptionsEndToEnd, RunExitsWithTheExitcodeOption) {
  std::string dir = MakeTempDir();
  RunResult r = Analyze(dir, RunArgs({}, "race"), "exitcode=7");
  EXPECT_EQ(r.status, 7) << r.err;
  EXPECT_EQ(r.out, "ran 2 2\n");  // the program's output passes through
  EXPECT_NE(r.err.find("WARNING: DATA RACE"), std::string::npos) << r.err;
  EXPECT_EQ(Count(r.err, "ccsp: warning"), 0u) << r.err;
  // Nothing reported: the program's own status, whatever exitcode says.
  EXPECT_EQ(Analyze(dir, RunArgs({}, "clean"), "exitcode=7").status, 0);
  EXPECT_EQ(Analyze(dir, RunArgs({}, "race")).status, 66);
}

TEST(OptionsEndToEnd, ExitcodeFlagWinsOverTheOption) {
  std::string dir = MakeTempDir();
  EXPECT_EQ(Analyze(dir, RunArgs({"--exitcode=3"}, "race"), "exitcode=7").status, 3);
  EXPECT_EQ(Analyze(dir, RunArgs({"--exitcode=66"}, "race"), "exitcode=7").status, 66);
}

TEST(OptionsEndToEnd, BadExitcodeIsWarnedOnceByTheProgramAndKeeps66) {
  std::string dir = MakeTempDir();
  RunResult r = Analyze(dir, RunArgs({}, "race"), "exitcode=300");
  EXPECT_EQ(r.status, 66) << r.err;
  EXPECT_EQ(Count(r.err, "ccsp: warning: CCSP_OPTIONS: bad value '300' for exitcode"), 1u) << r.err;
}

TEST(OptionsEndToEnd, RunMergesOptionSuppressionsWithTheFlag) {
  std::string dir = MakeTempDir(), supp_a = dir + "/a.supp", supp_b = dir + "/b.supp";
  WriteFile(supp_a, "race:WriteA\n");
  WriteFile(supp_b, "race:WriteB\n");
  RunResult from_option = Analyze(dir, RunArgs({"--format=json"}, "race"), "suppressions=" + supp_a);
  EXPECT_EQ(from_option.status, 66) << from_option.err;
  EXPECT_EQ(Report(from_option)["summary"]["data-race"], 1) << from_option.out;
  EXPECT_EQ(Report(from_option)["summary"]["suppressed"], 1) << from_option.out;
  RunResult both = Analyze(dir, RunArgs({"--format=json", "--suppressions=" + supp_b}, "race"),
                           "suppressions=" + supp_a);
  EXPECT_EQ(both.status, 0) << both.err;
  EXPECT_EQ(Report(both)["summary"]["data-race"], 0) << both.out;
  EXPECT_EQ(Report(both)["summary"]["suppressed"], 2) << both.out;
  RunResult missing = Analyze(dir, RunArgs({}, "race"), "suppressions=" + dir + "/none.supp");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("none.supp"), std::string::npos) << missing.err;
}

TEST(OptionsEndToEnd, RunFindsTheUsersTracePathWithPid) {
  std::string dir = MakeTempDir();
  RunResult r = Analyze(dir, RunArgs({}, "race"), "trace_path=" + dir + "/mine.%p.bin");
  EXPECT_EQ(r.status, 66) << r.err;
  size_t at = r.err.find("trace kept at " + dir + "/mine.");
  ASSERT_NE(at, std::string::npos) << r.err;
  std::string kept = r.err.substr(at + 14, r.err.find('\n', at) - at - 14);
  EXPECT_EQ(kept.find('%'), std::string::npos) << kept;
  EXPECT_EQ(access(kept.c_str(), R_OK), 0) << kept;
}

}  // namespace
