// Runtime tests, process level: exit status, crashes (SIGKILL, _exit, abort, SIGSEGV), the
// all-asleep watchdog, panics, options, fork/exec and signal handlers. All run as
// subprocesses with a timeout.
#include <dirent.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scenario_runner.h"

using namespace ccsp::trace;
using namespace ccsp::rttest;

namespace {

TEST(Runtime, SignalHandlersRecordNothing) {
  Scenario s = RunScenario("signals");
  ASSERT_EQ(s.run.status, 0) << s.run.err;
  uint64_t in_handler = std::stoull(s.run.out, nullptr, 16);
  uint64_t after = std::stoull(s.run.out.substr(s.run.out.find(' ') + 1), nullptr, 16);
  bool saw_handler = false, saw_after = false;
  for (const Record& r : s.trace.Accesses(1)) {
    saw_handler |= r.addr == in_handler;
    saw_after |= r.addr == after;
  }
  EXPECT_FALSE(saw_handler);
  EXPECT_TRUE(saw_after);
}

TEST(Runtime, ExitStatusMarksComplete) {
  Scenario s = RunScenario("exit_status");
  EXPECT_EQ(s.run.status, 7);
  EXPECT_TRUE(s.trace.complete());
  EXPECT_EQ(s.trace.header.exit_status, 7);
  auto pe = s.trace.Syncs(1, SyncKind::kProcessExit);
  ASSERT_EQ(pe.size(), 1u);
  EXPECT_EQ(pe[0].arg1, 7u);
}

class Crash : public ::testing::TestWithParam<const char*> {};

TEST_P(Crash, LeavesReadableIncompleteTrace) {
  Scenario s = RunScenario(GetParam());
  EXPECT_EQ(s.trace.error, "");
  EXPECT_FALSE(s.trace.complete());
  ASSERT_TRUE(s.trace.tasks.count(1));
  EXPECT_EQ(s.trace.tasks.at(1)[0].sync_kind, SyncKind::kTaskStart);
  EXPECT_GE(s.trace.Syncs(1, SyncKind::kRelease).size(), 10u);
}

INSTANTIATE_TEST_SUITE_P(Runtime, Crash, ::testing::Values("sigkill", "underscore_exit", "abort", "segv"));

TEST(Runtime, SigkillKeepsEverythingPublished) {
  Scenario s = RunScenario("sigkill");
  EXPECT_FALSE(s.run.exited);
  EXPECT_EQ(s.run.status, 9);
  // Events(100000) writes one kRelease every 100 iterations: all 1000 are there.
  EXPECT_EQ(s.trace.Syncs(1, SyncKind::kRelease).size(), 1000u);
}

TEST(Runtime, TwoMutexDeadlockEndsAsleep) {
  Scenario s = RunScenario("deadlock", "watchdog_interval_ms=50", {}, 20000);
  ASSERT_FALSE(s.run.timed_out);
  EXPECT_TRUE(s.run.exited);
  EXPECT_EQ(s.run.status, 2);
  EXPECT_EQ(s.run.err.rfind("fatal error: all tasks are asleep - deadlock!\n", 0), 0u) << s.run.err;
  EXPECT_NE(s.run.err.find("task 1 [mutex lock]:"), std::string::npos) << s.run.err;
  EXPECT_NE(s.run.err.find("task 2 [mutex lock]:"), std::string::npos) << s.run.err;
  EXPECT_NE(s.run.err.find("  worker(int)\n\tscenarios.cc:22:9\n"), std::string::npos) << s.run.err;
  EXPECT_NE(s.run.err.find("  main\n\tscenarios.cc:11:5\n"), std::string::npos) << s.run.err;
  EXPECT_TRUE(s.trace.complete());
  EXPECT_EQ(s.trace.header.exit_status, 2);
  EXPECT_EQ(s.trace.Syncs(1, SyncKind::kAllAsleep).size(), 1u);
  EXPECT_EQ(s.trace.Syncs(1, SyncKind::kAllAsleep)[0].arg1, 2u);
}

// watchdog=0 is honoured: the same deadlock is left hanging (killed by the runner after 2 s;
// with the watchdog on and this interval it ends within a few checks).
TEST(Runtime, WatchdogOffLeavesADeadlockHanging) {
  Scenario s = RunScenario("deadlock", "watchdog=0:watchdog_interval_ms=20", {}, 2000);
  EXPECT_TRUE(s.run.timed_out);
  EXPECT_EQ(s.run.err.find("asleep"), std::string::npos) << s.run.err;
  EXPECT_EQ(s.trace.Option("watchdog"), "0");
}

TEST(Runtime, JoinOfBlockedTaskEndsAsleep) {
  Scenario s = RunScenario("join_blocked", "watchdog_interval_ms=50", {}, 20000);
  ASSERT_FALSE(s.run.timed_out);
  EXPECT_EQ(s.run.status, 2);
  EXPECT_NE(s.run.err.find("task 1 [join]:"), std::string::npos) << s.run.err;
  EXPECT_NE(s.run.err.find("task 2 [mutex lock]:"), std::string::npos) << s.run.err;
}

TEST(Runtime, WatchdogQuietWhileATimedWaitIsPending) {
  Scenario s = RunScenario("timed_quiet", "watchdog_interval_ms=20", {}, 20000);
  EXPECT_FALSE(s.run.timed_out);
  EXPECT_EQ(s.run.err.find("asleep"), std::string::npos) << s.run.err;
  EXPECT_EQ(s.run.status, 0);
}

TEST(Runtime, WatchdogQuietOnProcessSharedWaits) {
  Scenario s = RunScenario("pshared_sem", "watchdog_interval_ms=20", {}, 20000);
  EXPECT_FALSE(s.run.timed_out);
  EXPECT_EQ(s.run.err.find("asleep"), std::string::npos) << s.run.err;
  EXPECT_EQ(s.run.status, 0);
  EXPECT_TRUE(InOrder(SyncKinds(s.trace, 1), {SyncKind::kSemInit, SyncKind::kFork, SyncKind::kBlockBegin,
                                              SyncKind::kBlockEnd, SyncKind::kSemWait}));
}

TEST(Runtime, MainReturnsWhileTasksBlocked) {
  Scenario s = RunScenario("main_returns_blocked", "", {}, 20000);
  EXPECT_TRUE(s.run.exited);
  EXPECT_EQ(s.run.status, 0) << s.run.err;
  EXPECT_TRUE(s.trace.complete());
  auto kinds = SyncKinds(s.trace, 2);
  ASSERT_FALSE(kinds.empty());
  EXPECT_EQ(kinds.back(), SyncKind::kBlockBegin);
}

TEST(Runtime, PanicPrintsAndExits2) {
  Scenario s = RunScenario("panic");
  EXPECT_EQ(s.run.status, 2);
  EXPECT_EQ(s.run.err.rfind("panic: something went wrong\n\ntask 1 [running]:\n", 0), 0u) << s.run.err;
  EXPECT_NE(s.run.err.find("  main\n\tscenarios.cc:11:5\n"), std::string::npos) << s.run.err;
  EXPECT_TRUE(s.trace.complete());
  EXPECT_EQ(s.trace.header.exit_status, 2);
  auto mis = s.trace.Syncs(1, SyncKind::kMisuse);
  ASSERT_EQ(mis.size(), 1u);
  EXPECT_EQ(mis[0].arg1, static_cast<uint64_t>(MisuseKind::kPanic));
  bool panic_meta = false;
  for (const MetaRecord& m : s.trace.meta)
    if (m.op == kMetaPanic) panic_meta = s.trace.Str(m.f[1]) == "something went wrong";
  EXPECT_TRUE(panic_meta);
}

// As under TSAN_OPTIONS: an item that cannot be applied is one warning line, the option keeps
// the value it had (its default, or an earlier item's), and the program runs and records.
TEST(Runtime, BadOptionsWarnAndRunOn) {
  struct Case {
    const char* options;
    const char* warning;  // the line's start after "ccsp: warning: CCSP_OPTIONS: "
    const char* key;
    const char* kept;     // the value the trace records for `key`
  };
  const Case cases[] = {
      {"no_such_option=1", "unknown option 'no_such_option' ignored; valid options: trace_path, watchdog, ",
       "watchdog", "1"},
      {"watchdog=maybe", "bad value 'maybe' for watchdog (expected 0 or 1); keeping watchdog=1\n", "watchdog", "1"},
      {"watchdog_interval_ms=0",
       "bad value '0' for watchdog_interval_ms (expected a number in 1..3600000); keeping watchdog_interval_ms=100\n",
       "watchdog_interval_ms", "100"},
      {"exitcode=9:exitcode=256", "bad value '256' for exitcode (expected a number in 0..255); keeping exitcode=9\n",
       "exitcode", "9"},
      {"watchdog", "expected key=value, got 'watchdog'; ignored\n", "watchdog", "1"},
      {"trace_path=", "bad value '' for trace_path (expected a path of 1..1023 bytes); keeping trace_path=/",
       "runs", "1"},
  };
  for (const Case& c : cases) {
    Scenario s = RunScenario("abi_basic", c.options, {}, 10000);
    EXPECT_TRUE(s.run.exited) << c.options;
    EXPECT_EQ(s.run.status, 0) << c.options << "\n" << s.run.err;
    EXPECT_EQ(s.run.err.rfind(std::string("ccsp: warning: CCSP_OPTIONS: ") + c.warning, 0), 0u) << s.run.err;
    EXPECT_EQ(std::count(s.run.err.begin(), s.run.err.end(), '\n'), 1) << s.run.err;
    EXPECT_EQ(s.trace.error, "") << c.options;  // trace_path= kept the earlier item's path
    EXPECT_TRUE(s.trace.complete()) << c.options;
    EXPECT_EQ(s.trace.Option(c.key), c.kept) << c.options;
    EXPECT_EQ(s.trace.Option("trace_path"), s.dir + "/trace.bin") << c.options;
  }
}

TEST(Runtime, HelpListsEveryOptionAndRunsOn) {
  Scenario s = RunScenario("abi_basic", "help=1:exitcode=7", {}, 10000);
  EXPECT_EQ(s.run.status, 0) << s.run.err;
  EXPECT_EQ(s.run.err.rfind("ccsp: CCSP_OPTIONS=key=value:key=value", 0), 0u) << s.run.err;
  for (const char* line : {"\n  trace_path=ccsp-trace.%p.bin ", "\n  watchdog=1 ", "\n  watchdog_interval_ms=100 ",
                           "\n  filter=1 ", "\n  runs=1 ", "\n  exitcode=66 ", "\n  suppressions= ",
                           "\n  verbosity=0 ", "\n  help=0 "})
    EXPECT_NE(s.run.err.find(line), std::string::npos) << line << "\n" << s.run.err;
  EXPECT_NE(s.run.err.find("exit status of `ccsp-analyze run` when it reports anything [now: 7]\n"),
            std::string::npos) << s.run.err;
  EXPECT_TRUE(s.trace.complete());
  EXPECT_EQ(s.trace.Option("help"), "1");
  EXPECT_EQ(s.trace.Option("exitcode"), "7");
}

TEST(Runtime, VerbositySaysWhereTheTraceGoesAndWhatIsInEffect) {
  Scenario one = RunScenario("abi_basic", "verbosity=1", {}, 10000);
  EXPECT_EQ(one.run.status, 0);
  EXPECT_EQ(one.run.err, "ccsp: recording to " + one.dir + "/trace.bin\n");
  Scenario two = RunScenario("abi_basic", "verbosity=2:runs=0", {}, 10000);
  EXPECT_EQ(two.run.status, 0);
  EXPECT_NE(two.run.err.find("ccsp: option runs=0\n"), std::string::npos) << two.run.err;
  EXPECT_NE(two.run.err.find("ccsp: option watchdog_interval_ms=100\n"), std::string::npos) << two.run.err;
  EXPECT_NE(two.run.err.find("ccsp: recording to " + two.dir + "/trace.bin\n"), std::string::npos) << two.run.err;
}

TEST(Runtime, DefaultTracePathIsPidInCwd) {
  std::string dir = MakeTempDir();
  RunResult r = RunProgram({CCSP_SCENARIOS, "abi_basic"}, {}, 10000, dir);
  ASSERT_EQ(r.status, 0);
  DIR* d = opendir(dir.c_str());
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) names.push_back(e->d_name);
  closedir(d);
  bool found = false;
  for (const std::string& n : names)
    if (n.rfind("ccsp-trace.", 0) == 0 && n.size() > 15 && n.substr(n.size() - 4) == ".bin") {
      found = true;
      Trace t = ReadTrace(dir + "/" + n);
      EXPECT_EQ(t.error, "");
      EXPECT_EQ("ccsp-trace." + std::to_string(t.header.pid) + ".bin", n);
    }
  EXPECT_TRUE(found);
}

TEST(Runtime, ForkChildGetsItsOwnTrace) {
  for (const char* scenario : {"fork", "fork_exit"}) {
    std::string dir = MakeTempDir();
    RunResult r = RunProgram({CCSP_SCENARIOS, scenario}, {"CCSP_OPTIONS=trace_path=" + dir + "/t.%p.bin"}, 20000, dir);
    ASSERT_EQ(r.status, 0) << r.err;
    int child = std::stoi(r.out.substr(r.out.find("child ") + 6));
    Trace c = ReadTrace(dir + "/t." + std::to_string(child) + ".bin");
    ASSERT_EQ(c.error, "") << scenario;
    EXPECT_TRUE(c.header.flags & kFlagForkChild);
    EXPECT_EQ(c.header.pid, static_cast<uint64_t>(child));
    EXPECT_NE(c.header.parent_pid, 0u);
    ASSERT_EQ(c.tasks.size(), 1u);
    const auto& recs = c.tasks.begin()->second;
    EXPECT_EQ(recs[0].sync_kind, SyncKind::kTaskStart);
    bool module = false;
    for (const MetaRecord& m : c.meta) module |= m.op == kMetaModule;
    EXPECT_TRUE(module);
    Trace p = ReadTrace(dir + "/t." + std::to_string(c.header.parent_pid) + ".bin");
    ASSERT_EQ(p.error, "");
    auto forks = p.Syncs(1, SyncKind::kFork);
    ASSERT_EQ(forks.size(), 1u);
    EXPECT_EQ(forks[0].arg1, static_cast<uint64_t>(child));
    if (std::string(scenario) == "fork_exit") {
      EXPECT_TRUE(c.complete());
      EXPECT_EQ(c.header.exit_status, 5);
    } else {
      EXPECT_FALSE(c.complete());  // _exit
    }
  }
}

TEST(Runtime, ExecFinishesTrace) {
  Scenario s = RunScenario("exec");
  EXPECT_EQ(s.run.status, 0);
  EXPECT_EQ(s.trace.error, "");
  EXPECT_TRUE(s.trace.complete());
}

TEST(Runtime, TimestampsFollowTheMonotonicClock) {
  Scenario s = RunScenario("clock");
  auto rel = s.trace.Syncs(1, SyncKind::kRelease);
  ASSERT_EQ(rel.size(), 4u);
  uint64_t first = rel[1].ts - rel[0].ts, second = rel[3].ts - rel[2].ts;
  EXPECT_GE(first, 60'000'000u);
  EXPECT_GE(second, 300'000'000u);  // usleep sleeps at least this long
  EXPECT_LT(second, 600'000'000u);
}

TEST(Runtime, ManyEventsSpanChunks) {
  Scenario s = RunScenario("events", "", {"300000"});
  ASSERT_EQ(s.trace.error, "");
  EXPECT_EQ(s.trace.Syncs(1, SyncKind::kRelease).size(), 3000u);
  EXPECT_GT(s.trace.payload_bytes, 2u * kChunkPayload);
}

}  // namespace
