// ccsp-analyze end to end on synthetic traces: exit codes (0 clean, 66 / --exitcode on
// reports, 2 on bad usage or input, each with one line on stderr), formats, dump, and `run`
// with a stand-in program that copies a prepared trace to the path it is given.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "trace_builder.h"

namespace ccsp::testing {
namespace {

using trace::SyncKind;

struct Output {
  int status = -1;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs ccsp-analyze with args (and extra environment), capturing stdout and stderr.
Output RunCli(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::string out_path = TempTracePath("cli-out") + ".txt", err_path = TempTracePath("cli-err") + ".txt";
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    dup2(e, 2);
    for (const std::string& kv : env) putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> argv{const_cast<char*>(CCSP_ANALYZE_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  Output r;
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  r.out = Slurp(out_path);
  r.err = Slurp(err_path);
  unlink(out_path.c_str());
  unlink(err_path.c_str());
  return r;
}

size_t LineCount(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    racy_ = TempTracePath("cli-racy");
    clean_ = TempTracePath("cli-clean");
    {
      TraceBuilder b(racy_);
      uint32_t s1 = b.Site("writer", "w.cc", 3, 1), s2 = b.Site("reader", "w.cc", 9, 1);
      b.Global(0x1000, 4, "shared", "w.cc", 1);
      b.T(1).Sync(SyncKind::kTaskStart);
      b.Spawn(1, 2);
      b.T(2).Write(0x1000, 4, s1);
      b.T(1).Read(0x1000, 4, s2);
      b.SetComplete(0);
    }
    {
      TraceBuilder b(clean_);
      b.T(1).Sync(SyncKind::kTaskStart);
      b.SetComplete(0);
    }
  }
  void TearDown() override {
    unlink(racy_.c_str());
    unlink(clean_.c_str());
  }
  std::string racy_, clean_;
};

TEST_F(CliTest, CleanTraceExitsZero) {
  Output r = RunCli({clean_});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("SUMMARY: ccsp: 0 data race(s)"), std::string::npos) << r.out;
}

TEST_F(CliTest, RacyTraceExits66WithReport) {
  Output r = RunCli({racy_});
  EXPECT_EQ(r.status, 66);
  EXPECT_NE(r.out.find("WARNING: DATA RACE"), std::string::npos);
  EXPECT_NE(r.out.find("Location is global 'shared'"), std::string::npos);
  EXPECT_NE(r.out.find("SUMMARY: ccsp: 1 data race(s)"), std::string::npos);
  EXPECT_EQ(r.out.find('\033'), std::string::npos);  // not a terminal: no colour
}

TEST_F(CliTest, ExitcodeOptionChangesStatus) {
  EXPECT_EQ(RunCli({"--exitcode=3", racy_}).status, 3);
  EXPECT_EQ(RunCli({"--exitcode=3", clean_}).status, 0);
}

TEST_F(CliTest, MissingFileIsOneLineAndExit2) {
  Output r = RunCli({"/nonexistent/t.bin"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(LineCount(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/t.bin"), std::string::npos);
}

TEST_F(CliTest, ForeignFileIsOneLineAndExit2) {
  Output r = RunCli({"/etc/hostname"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(LineCount(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("not a ccsp trace"), std::string::npos);
}

TEST_F(CliTest, BadFlagIsOneLineAndExit2) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"--bogus", clean_}, {"--format=xml", clean_}, {"--exitcode=x", clean_}, {}, {"dump"}}) {
    Output r = RunCli(args);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(LineCount(r.err), 1u) << r.err;
  }
}

TEST_F(CliTest, HelpExitsZero) {
  Output r = RunCli({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("run"), std::string::npos);
}

TEST_F(CliTest, JsonFormatIsParseable) {
  Output r = RunCli({"--format=json", racy_});
  EXPECT_EQ(r.status, 66);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["reports"][0]["kind"], "data-race");
  std::string f0 = j["reports"][0]["accesses"][0]["stack"][0]["function"];
  std::string f1 = j["reports"][0]["accesses"][1]["stack"][0]["function"];
  EXPECT_TRUE((f0 == "reader" && f1 == "writer") || (f0 == "writer" && f1 == "reader"));
  EXPECT_EQ(j["summary"]["data-race"], 1);
}

TEST_F(CliTest, OutputFile) {
  std::string out = TempTracePath("cli-report") + ".json";
  Output r = RunCli({"--format=json", "--output=" + out, racy_});
  EXPECT_EQ(r.status, 66);
  EXPECT_TRUE(r.out.empty());
  auto j = nlohmann::json::parse(Slurp(out));
  EXPECT_EQ(j["summary"]["data-race"], 1);
  unlink(out.c_str());
}

TEST_F(CliTest, SuppressionsFile) {
  std::string supp = TempTracePath("cli-supp") + ".txt";
  std::ofstream(supp) << "# ours\nrace:^writer$\n";
  Output r = RunCli({"--suppressions=" + supp, racy_});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(RunCli({"--suppressions", supp, racy_}).status, 0);
  EXPECT_NE(r.out.find("1 suppressed"), std::string::npos);
  std::ofstream(supp) << "nonsense:x\n";
  r = RunCli({"--suppressions=" + supp, racy_});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(LineCount(r.err), 1u);
  unlink(supp.c_str());
}

TEST_F(CliTest, SeveralTraces) {
  Output r = RunCli({clean_, racy_});
  EXPECT_EQ(r.status, 66);
  EXPECT_NE(r.out.find("SUMMARY: ccsp: 1 data race(s)"), std::string::npos);
}

TEST_F(CliTest, DumpPrintsEvents) {
  Output r = RunCli({"dump", "--vc", racy_});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("write 4 0x1000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("vc={"), std::string::npos);
}

// A stand-in for an instrumented program: copies `trace` to the trace_path it is given in
// CCSP_OPTIONS, prints to both streams, exits with `status`.
std::vector<std::string> FakeProgram(const std::string& trace, int status) {
  return {"/bin/sh", "-c",
          "p=${CCSP_OPTIONS##*trace_path=}; p=${p%%:*}; cp '" + trace +
              "' \"$p\"; echo prog-out; echo prog-err >&2; exit " + std::to_string(status)};
}

TEST_F(CliTest, RunReportsAndExits66) {
  std::vector<std::string> args = {"run", "--"};
  for (auto& a : FakeProgram(racy_, 0)) args.push_back(a);
  Output r = RunCli(args);
  EXPECT_EQ(r.status, 66);
  EXPECT_EQ(r.out, "prog-out\n");  // program output passes through; the report is on stderr
  EXPECT_NE(r.err.find("prog-err\n"), std::string::npos);
  EXPECT_NE(r.err.find("WARNING: DATA RACE"), std::string::npos);
  EXPECT_NE(r.err.find("note: trace kept at "), std::string::npos);
  size_t at = r.err.find("trace kept at ");
  std::string kept = r.err.substr(at + 14, r.err.find('\n', at) - at - 14);
  EXPECT_EQ(access(kept.c_str(), R_OK), 0) << kept;
  unlink(kept.c_str());
}

TEST_F(CliTest, RunCleanExitsWithProgramStatus) {
  std::vector<std::string> args = {"run", "--"};
  for (auto& a : FakeProgram(clean_, 7)) args.push_back(a);
  Output r = RunCli(args);
  EXPECT_EQ(r.status, 7) << r.err;
}

TEST_F(CliTest, RunJsonGoesToStdout) {
  std::vector<std::string> args = {"run", "--format=json", "--"};
  for (auto& a : FakeProgram(racy_, 0)) args.push_back(a);
  Output r = RunCli(args);
  EXPECT_EQ(r.status, 66);
  ASSERT_EQ(r.out.rfind("prog-out\n", 0), 0u);
  auto j = nlohmann::json::parse(r.out.substr(9));
  EXPECT_EQ(j["summary"]["data-race"], 1);
}

TEST_F(CliTest, RunHonoursUserTracePathAndSuppressions) {
  std::string mine = TempTracePath("cli-mine");
  std::string supp = TempTracePath("cli-supp2") + ".txt";
  std::ofstream(supp) << "race:reader\n";
  std::vector<std::string> args = {"run", "--"};
  for (auto& a : FakeProgram(racy_, 0)) args.push_back(a);
  Output r = RunCli(args, {"CCSP_OPTIONS=trace_path=" + mine + ":suppressions=" + supp});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("trace kept at " + mine), std::string::npos) << r.err;
  EXPECT_EQ(access(mine.c_str(), R_OK), 0);
  unlink(mine.c_str());
  unlink(supp.c_str());
}

TEST_F(CliTest, RunMissingProgramIsOneLine) {
  Output r = RunCli({"run", "--", "/nonexistent/prog"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(LineCount(r.err), 1u) << r.err;
}

TEST_F(CliTest, RunProgramWithoutTraceIsAnError) {
  Output r = RunCli({"run", "--", "/bin/true"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("wrote no trace"), std::string::npos);
}

// Text reports hide the std::thread start-up frames below the user's code and the spawning
// library frames above the user's call; --full-stacks shows them; JSON always has them all.
TEST(CliStacks, LibraryFramesHiddenUnlessFullStacks) {
  std::string path = TempTracePath("cli-libframes");
  {
    TraceBuilder b(path);
    const char* hdr = "/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/std_thread.h";
    uint32_t main_fn = b.Site("main", "app.cpp", 10, 1), spawn_call = b.Site("main", "app.cpp", 16, 3);
    uint32_t ctor = b.Site("std::thread::thread", hdr, 142, 2), ctor_call = b.Site("std::thread::thread", hdr, 150, 5);
    uint32_t run = b.Site("std::thread::_State_impl::_M_run", hdr, 210, 13);
    uint32_t run_call = b.Site("std::thread::_State_impl::_M_run", hdr, 211, 13);
    uint32_t body = b.Site("main::$_0::operator()", "app.cpp", 17, 1), write = b.Site("main::$_0::operator()", "app.cpp", 17, 9);
    uint32_t read = b.Site("main", "app.cpp", 20, 7);
    b.T(1).Sync(SyncKind::kTaskStart).Enter(0, main_fn).Enter(spawn_call, ctor);
    b.Spawn(1, 2, ctor_call);
    b.T(1).Exit();
    b.T(2).Enter(0, run).Enter(run_call, body).Write(0x1000, 4, write);
    b.T(1).Read(0x1000, 4, read);
    b.SetComplete(0);
  }
  Output trimmed = RunCli({"--color=never", path});
  EXPECT_EQ(trimmed.status, 66) << trimmed.err;
  EXPECT_NE(trimmed.out.find("#0 main::$_0::operator() app.cpp:17:9\n  (1 library frame hidden"), std::string::npos)
      << trimmed.out;
  EXPECT_NE(trimmed.out.find("created by task 1 at:\n  #0 main app.cpp:16:3\n"), std::string::npos) << trimmed.out;
  EXPECT_EQ(trimmed.out.find("_M_run"), std::string::npos) << trimmed.out;
  Output full = RunCli({"--color=never", "--full-stacks", path});
  EXPECT_NE(full.out.find("#1 std::thread::_State_impl::_M_run"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("#0 std::thread::thread"), std::string::npos) << full.out;
  EXPECT_EQ(full.out.find("hidden"), std::string::npos) << full.out;
  Output json = RunCli({"--format=json", path});
  EXPECT_NE(json.out.find("_M_run"), std::string::npos);
  unlink(path.c_str());
}

}  // namespace
}  // namespace ccsp::testing

namespace ccsp::testing {
namespace {

// A trace that writes 64 MiB in ranges would need hundreds of MiB of shadow; with a budget of
// 1 MiB the analyzer stops tracking new memory, says so once, and still finishes cleanly.
TEST(CliShadowBudget, OverBudgetWarnsAndFinishes) {
  std::string path = TempTracePath("cli-shadow-budget");
  {
    TraceBuilder b(path);
    uint32_t site = b.Site("fill", "app.cpp", 5, 3);
    b.T(1).Sync(SyncKind::kTaskStart);
    for (uint64_t i = 0; i < 64; ++i) b.T(1).Range(true, 0x10000000 + (i << 20), 1 << 20, site);
    b.SetComplete(0);
  }
  Output small = RunCli({"--max-shadow-mb=1", path});
  EXPECT_EQ(small.status, 0) << small.err;
  EXPECT_NE((small.out + small.err).find("shadow memory limit reached"), std::string::npos)
      << small.out << small.err;
  Output roomy = RunCli({path});  // the default budget: half of physical memory
  EXPECT_EQ(roomy.status, 0) << roomy.err;
  EXPECT_EQ((roomy.out + roomy.err).find("shadow memory limit"), std::string::npos) << roomy.out;
  EXPECT_EQ(RunCli({"--max-shadow-mb=0", path}).status, 2);  // out of range: usage error
  if (!HasFailure()) unlink(path.c_str());
}

}  // namespace
}  // namespace ccsp::testing
