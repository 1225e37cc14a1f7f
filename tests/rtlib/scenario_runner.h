// Shared helpers of the runtime tests: run one scenario of the `scenarios` program with its
// own trace file, and compare the sync events a task recorded against an expected order.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_program.h"
#include "trace_reader.h"

namespace ccsp::rttest {

struct Scenario {
  RunResult run;
  Trace trace;
  std::string dir;
};

// Runs `scenarios <name> [extra...]` in a fresh directory with
// CCSP_OPTIONS=trace_path=<dir>/trace.bin[:options].
Scenario RunScenario(const std::string& name, const std::string& options = "", std::vector<std::string> extra = {},
                     int timeout_ms = 30000);

// Sync kinds of a task's stream (Alloc/Free left out unless asked).
std::vector<trace::SyncKind> SyncKinds(const Trace& t, uint32_t task, bool skip_alloc = true);

// `want` appears in `have` in this order (other events may be interleaved).
::testing::AssertionResult InOrder(const std::vector<trace::SyncKind>& have, const std::vector<trace::SyncKind>& want);

// Sync and atomic seq numbers grow along every stream.
void ExpectSeqIncreasing(const Trace& t);

}  // namespace ccsp::rttest
