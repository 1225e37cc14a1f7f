// `ccsp-analyze [options] TRACE...`: analyze recorded traces and report.
#include <cstdio>

#include "common.h"

namespace ccsp::cli {

Subcommand AddAnalyzeCommand(CLI::App& root, CommonOptions& common) {
  auto traces = std::make_shared<std::vector<std::string>>();
  AddCommonOptions(root, common);
  root.add_option("traces", *traces, "Trace files written by an instrumented program");
  CommonOptions* o = &common;
  return Subcommand{&root, [traces, o]() -> int {
                      if (traces->empty()) {
                        PrintError("no trace given (usage: ccsp-analyze TRACE..., "
                                   "ccsp-analyze run -- PROG ARGS...; see --help)");
                        return kExitUsage;
                      }
                      analyzer::Suppressions supp;
                      if (!LoadSuppressions(*o, {}, &supp)) return kExitUsage;
                      bool failed = false;
                      auto results = AnalyzeTraces(*traces, *o, &supp, &failed);
                      if (!results.empty() && !WriteReport(results, *o, stdout)) return kExitUsage;
                      if (failed) return kExitUsage;
                      int code = ReportsExitCode(results, *o);
                      return code >= 0 ? code : 0;
                    }};
}

}  // namespace ccsp::cli
