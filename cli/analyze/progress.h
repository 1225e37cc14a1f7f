// A one-line progress bar on stderr for long analyses. Drawn only when stderr is a terminal,
// only after the analysis has run for half a second, at most ten times a second; erased
// when done, so short runs and redirected output never see it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ccsp::cli {

class ProgressBar {
 public:
  ProgressBar(bool enabled, std::string label);
  ~ProgressBar() { Finish(); }
  void Update(uint64_t done, uint64_t total);
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string label_;
  std::chrono::steady_clock::time_point start_, last_;
};

bool IsTerminal(int fd);

}  // namespace ccsp::cli
