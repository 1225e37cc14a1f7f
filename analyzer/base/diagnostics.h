// Warnings collected while reading and replaying a trace (truncation, corrupt chunks, odd
// records). Bounded: after kMaxWarnings only a count is kept, so a corrupt trace cannot make
// the analyzer's memory grow with its length.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ccsp::analyzer {

class Diagnostics {
 public:
  static constexpr size_t kMaxWarnings = 50;

  void Warn(std::string message) {
    if (warnings_.size() < kMaxWarnings)
      warnings_.push_back(std::move(message));
    else
      ++dropped_;
  }
  // The warnings in order, with a final "N more warnings" line when some were dropped.
  std::vector<std::string> All() const {
    std::vector<std::string> all = warnings_;
    if (dropped_) all.push_back(std::to_string(dropped_) + " more warnings not shown");
    return all;
  }
  size_t count() const { return warnings_.size() + dropped_; }

 private:
  std::vector<std::string> warnings_;
  uint64_t dropped_ = 0;
};

}  // namespace ccsp::analyzer
