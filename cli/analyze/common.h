// Options and output routing shared by the ccsp-analyze subcommands: report format and
// destination, exit-code policy, suppressions, colour and progress. Presentation only; the
// analysis itself is a call into ccsp_analyzer.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "analyzer/analysis.h"
#include "analyzer/reports/suppressions.h"

namespace ccsp::cli {

inline constexpr int kExitReports = 66;  // TSan's convention
inline constexpr int kExitUsage = 2;

struct CommonOptions {
  std::string format = "text";  // text | json
  std::string output;           // file; empty = the subcommand's default stream
  int exitcode = kExitReports;
  std::vector<std::string> suppressions;
  std::string color = "auto";  // auto | always | never
  bool no_progress = false;
  bool show_suppressed = false;
  bool full_stacks = false;
  uint64_t max_shadow_mb = 0;  // 0: half of the machine's physical memory
};

// Adds --format, --output, --exitcode, --suppressions, --color, --no-progress to app.
void AddCommonOptions(CLI::App& app, CommonOptions& o);

// "ccsp-analyze: error: <msg>" on stderr.
void PrintError(const std::string& msg);
void PrintNote(const std::string& msg);

// Loads every --suppressions file plus `extra` (e.g. from CCSP_OPTIONS); false after printing
// an error.
bool LoadSuppressions(const CommonOptions& o, const std::vector<std::string>& extra,
                      analyzer::Suppressions* out);

// Analyzes each trace (with a progress bar when stderr is a terminal). Errors are printed;
// *failed is set when any trace could not be read.
// `extra`: more consumers for the same replay (run --profile).
std::vector<analyzer::AnalysisResult> AnalyzeTraces(const std::vector<std::string>& traces,
                                                    const CommonOptions& o,
                                                    analyzer::Suppressions* supp, bool* failed,
                                                    const std::vector<analyzer::Consumer*>& extra = {});

// Writes the report: to o.output if set, else text to `text_stream`, JSON to stdout. Returns
// false (after printing an error) when the output file cannot be written.
bool WriteReport(const std::vector<analyzer::AnalysisResult>& results, const CommonOptions& o,
                 FILE* text_stream);

// kExitReports-style status when anything was reported, else -1.
int ReportsExitCode(const std::vector<analyzer::AnalysisResult>& results, const CommonOptions& o);

// Subcommands. Each registers itself and returns a runner called after parsing.
struct Subcommand {
  CLI::App* app;
  std::function<int()> run;
};
Subcommand AddAnalyzeCommand(CLI::App& root, CommonOptions& common);  // the root itself
// `program`: the words after `--`, split off before parsing.
Subcommand AddRunCommand(CLI::App& root, const std::vector<std::string>& program);
Subcommand AddDumpCommand(CLI::App& root);
Subcommand AddProfileCommand(CLI::App& root);
Subcommand AddTimelineCommand(CLI::App& root);

}  // namespace ccsp::cli
