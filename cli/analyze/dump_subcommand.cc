// `ccsp-analyze dump [--vc] [--stacks] TRACE`: every event, one line each, in replay order.
#include <cstdio>
#include <iostream>

#include "analyzer/dump/event_dump.h"
#include "common.h"

namespace ccsp::cli {

Subcommand AddDumpCommand(CLI::App& root) {
  struct State {
    std::string trace;
    analyzer::DumpOptions opts;
  };
  auto st = std::make_shared<State>();
  CLI::App* cmd = root.add_subcommand("dump", "Print every event of a trace, one per line");
  cmd->add_option("trace", st->trace, "Trace file")->required();
  cmd->add_flag("--vc", st->opts.vector_clocks, "Show the task's vector clock after each event");
  cmd->add_flag("--stacks", st->opts.stacks, "Show each event's whole call chain");
  return Subcommand{cmd, [st]() -> int {
                      std::ios::sync_with_stdio(false);
                      auto r = analyzer::DumpTrace(st->trace, st->opts, std::cout);
                      std::cout.flush();
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
