// ccsp-analyze: analyze ccsp traces for data races, misuse and global deadlocks.
//   ccsp-analyze [options] TRACE...          analyze traces (exit 66 when anything is reported)
//   ccsp-analyze run [options] -- PROG ARGS  run an instrumented program, then analyze its trace
//   ccsp-analyze dump [--vc] TRACE           print every event with its task, site and clock
//   ccsp-analyze profile --type=T TRACE      a pprof profile (mutex, block, task, heap, allocs, cpu)
//   ccsp-analyze timeline TRACE              a Perfetto / chrome://tracing timeline
// Exit status: 0 clean, 66 (--exitcode) reports, 2 bad usage or unreadable input.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "common.h"

int main(int argc, char** argv) {
  using namespace ccsp::cli;
  CLI::App app{"ccsp-analyze: find data races, deadlocks, leaked tasks and misuse in ccsp traces", "ccsp-analyze"};
  app.footer(
      "Exit status: 0 when nothing is reported, 66 (--exitcode) when something is, 2 on bad\n"
      "usage or unreadable input. `run` exits with the program's own status when clean.");
  // `run ... -- PROG ARGS`: everything after `--` is the program's, untouched by CLI11.
  std::vector<std::string> program;
  bool has_run = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "run") has_run = true;
    if (has_run && std::string(argv[i]) == "--") {
      program.assign(argv + i + 1, argv + argc);
      argc = i;
      break;
    }
  }
  CommonOptions common;
  Subcommand analyze = AddAnalyzeCommand(app, common);
  Subcommand run = AddRunCommand(app, program);
  Subcommand dump = AddDumpCommand(app);
  Subcommand profile = AddProfileCommand(app);
  Subcommand timeline = AddTimelineCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    PrintError(std::string(e.what()) + " (see ccsp-analyze --help)");
    return kExitUsage;
  }
  if (run.app->parsed()) return run.run();
  if (dump.app->parsed()) return dump.run();
  if (profile.app->parsed()) return profile.run();
  if (timeline.app->parsed()) return timeline.run();
  return analyze.run();
}
