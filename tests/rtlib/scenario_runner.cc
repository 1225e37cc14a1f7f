// Scenario runner for the runtime tests (see scenario_runner.h).
#include "scenario_runner.h"

namespace ccsp::rttest {

using namespace ccsp::trace;

Scenario RunScenario(const std::string& name, const std::string& options, std::vector<std::string> extra,
                     int timeout_ms) {
  Scenario s;
  s.dir = MakeTempDir();
  std::string path = s.dir + "/trace.bin";
  std::vector<std::string> argv = {CCSP_SCENARIOS, name};
  argv.insert(argv.end(), extra.begin(), extra.end());
  std::string opts = "CCSP_OPTIONS=trace_path=" + path + (options.empty() ? "" : ":" + options);
  s.run = RunProgram(argv, {opts}, timeout_ms, s.dir);
  s.trace = ReadTrace(path);
  return s;
}

std::vector<SyncKind> SyncKinds(const Trace& t, uint32_t task, bool skip_alloc) {
  std::vector<SyncKind> out;
  auto it = t.tasks.find(task);
  if (it == t.tasks.end()) return out;
  for (const Record& r : it->second) {
    if (r.op != kOpSync) continue;
    if (skip_alloc && (r.sync_kind == SyncKind::kAlloc || r.sync_kind == SyncKind::kFree)) continue;
    out.push_back(r.sync_kind);
  }
  return out;
}

// Checks `want` appears in `have` in this order (other events may be interleaved).
::testing::AssertionResult InOrder(const std::vector<SyncKind>& have, const std::vector<SyncKind>& want) {
  size_t i = 0;
  for (SyncKind k : have)
    if (i < want.size() && k == want[i]) ++i;
  if (i == want.size()) return ::testing::AssertionSuccess();
  std::string got;
  for (SyncKind k : have) got += std::to_string(static_cast<uint32_t>(k)) + " ";
  return ::testing::AssertionFailure() << "missing kind " << static_cast<uint32_t>(want[i]) << " (#" << i
                                       << ") in: " << got;
}

void ExpectSeqIncreasing(const Trace& t) {
  for (const auto& [task, recs] : t.tasks) {
    uint64_t last = 0;
    for (const Record& r : recs) {
      if (r.op != kOpSync && r.op != kOpAtomic) continue;
      EXPECT_GT(r.seq, last) << "task " << task;
      last = r.seq;
    }
  }
}

}  // namespace ccsp::rttest
