// Runs a program as a subprocess with extra environment, a timeout and captured output:
// tests of crash, exit and deadlock behaviour must never hang the test suite.
#pragma once

#include <string>
#include <vector>

namespace ccsp::rttest {

struct RunResult {
  bool exited = false;    // normal exit (else killed by a signal)
  int status = -1;        // exit status or signal number
  bool timed_out = false;
  std::string out, err;
};

RunResult RunProgram(const std::vector<std::string>& argv, const std::vector<std::string>& env, int timeout_ms,
                     const std::string& cwd = "");

// A fresh empty directory under the test temp dir.
std::string MakeTempDir();

}  // namespace ccsp::rttest
