// CCSP_OPTIONS for C++ tools (ccsp-analyze, tests): the shared parser of option_parser.h with
// std::string input and messages. Not for the runtime (it allocates).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ccsp_options/option_parser.h"

namespace ccsp::options {

struct ParsedOptions {
  Options values;                     // defaults, overridden by every valid item
  ParseSummary summary;               // which options an item set
  std::vector<std::string> problems;  // one FormatProblem line per skipped item
};

inline ParsedOptions ParseOptionsText(std::string_view text) {
  ParsedOptions r;
  r.summary = ParseOptions(text.data(), text.size(), &r.values, [&](const Problem& p) {
    char data[2560];
    TextOut t(data, sizeof data);
    FormatProblem(p, r.values, t);
    r.problems.emplace_back(t.c_str(), t.size());
  });
  return r;
}

inline std::string ValueText(const Options& o, OptionId id) {
  char data[1100];
  TextOut t(data, sizeof data);
  FormatValue(o, id, t);
  return std::string(t.c_str(), t.size());
}

// The help=1 list, as the runtime prints it.
inline std::string HelpText(const Options& current = Options{}) {
  std::string s;
  ForEachHelpLine(current, [&](const char* line, size_t n) { s.append(line, n); });
  return s;
}

}  // namespace ccsp::options
