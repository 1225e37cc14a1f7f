// `ccsp-analyze profile --type=T TRACE [-o FILE.pb.gz] [--at=SECONDS]`: one pprof profile
// (gzipped profile.proto, for `go tool pprof`) from a trace. The types and what their values
// mean come from analyzer/profiles/profile_kinds.h; the work is analyzer::WriteProfiles.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "analyzer/profiles/profile_run.h"
#include "common.h"
#include "progress.h"

namespace ccsp::cli {

std::string ProfileTypesHelp() {
  std::string s = "Profile types (--type):\n";
  for (const analyzer::ProfileKindInfo& k : analyzer::ProfileKinds()) {
    std::string name(k.name);
    if (!k.alias.empty()) name += " (or " + std::string(k.alias) + ")";
    s += "  " + name + "\n      " + std::string(k.values) + "\n";
  }
  s += "Every value is exact except cpu's, which is sampled: the trace holds every lock, wait,\n"
       "task and allocation. Read a profile with `go tool pprof -top FILE` (or -raw, -http=:8080).";
  return s;
}

std::string ProfileTypeNames() {
  std::string s;
  for (const analyzer::ProfileKindInfo& k : analyzer::ProfileKinds()) {
    if (!s.empty()) s += ", ";
    s += k.name;
    if (!k.alias.empty()) s += ", " + std::string(k.alias);
  }
  return s;
}

Subcommand AddProfileCommand(CLI::App& root) {
  struct State {
    std::string type, trace, output;
    double at = -1;
    bool no_progress = false;
  };
  auto st = std::make_shared<State>();
  CLI::App* cmd = root.add_subcommand("profile", "Write a pprof profile (mutex, block, task, heap, "
                                                 "allocs, cpu) of a trace, for go tool pprof");
  cmd->add_option("--type,-t", st->type, "Profile type: " + ProfileTypeNames())->required();
  cmd->add_option("trace", st->trace, "Trace file")->required();
  cmd->add_option("--output,-o", st->output, "Profile file to write (default: TYPE.pb.gz)");
  cmd->add_option("--at", st->at,
                  "SECONDS after the trace started instead of its end: task and heap show the "
                  "live tasks and memory then; mutex, block, allocs count the events up to then")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-progress", st->no_progress, "Never draw a progress bar");
  cmd->footer(ProfileTypesHelp());
  return Subcommand{cmd, [st]() -> int {
                      auto kind = analyzer::ParseProfileKind(st->type);
                      if (!kind) {
                        PrintError("unknown profile type '" + st->type + "' (types: " + ProfileTypeNames() + ")");
                        return kExitUsage;
                      }
                      if (st->output.empty()) st->output = std::string(analyzer::InfoOf(*kind).file);
                      analyzer::ProfileOptions opts;
                      opts.at_seconds = st->at;
                      ProgressBar bar(!st->no_progress && IsTerminal(STDERR_FILENO), st->trace);
                      auto r = analyzer::WriteProfiles(st->trace, {{*kind, st->output}}, opts,
                                                       [&](uint64_t d, uint64_t t) { bar.Update(d, t); });
                      bar.Finish();
                      if (!r) {
                        PrintError(r.error().message);
                        return kExitUsage;
                      }
                      for (const std::string& w : r->warnings)
                        std::fprintf(stderr, "ccsp-analyze: warning: %s\n", w.c_str());
                      return 0;
                    }};
}

}  // namespace ccsp::cli
