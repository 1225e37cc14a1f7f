// `ccsp-analyze timeline TRACE [-o timeline.json] [--from S] [--to S] [--max-events N]`: a
// Chrome trace-event file for Perfetto (ui.perfetto.dev: Open trace file) and chrome://tracing.
// The work is analyzer::WriteTimeline; this file parses flags and says what was cut.
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <string>

#include "analyzer/profiles/profile_run.h"
#include "common.h"
#include "progress.h"

namespace ccsp::cli {

// "timeline: ..." warnings for what the window and the cap left out.
void WarnTimelineCuts(const analyzer::RunSummary& s, uint64_t max_events, const std::string& path) {
  const profiles::TraceCuts& c = s.cuts;
  if (c.events())
    std::fprintf(stderr,
                 "ccsp-analyze: warning: timeline %s: --max-events=%" PRIu64 " reached at %.3f s: %" PRIu64
                 " slices and %" PRIu64 " arrow ends after it were left out (pick a window with "
                 "--from/--to, or raise --max-events)\n",
                 path.c_str(), max_events, static_cast<double>(s.timeline.cut_at_ns) / 1e9, c.slices,
                 c.flow_ends);
  if (s.timeline.outside)
    std::fprintf(stderr, "ccsp-analyze: note: timeline %s: %" PRIu64 " slices and arrows outside --from/--to were left out\n",
                 path.c_str(), s.timeline.outside);
}

Subcommand AddTimelineCommand(CLI::App& root) {
  struct State {
    std::string trace, output = "timeline.json";
    double from = 0, to = -1;
    uint64_t max_events = 1'000'000;
    bool no_progress = false;
  };
  auto st = std::make_shared<State>();
  CLI::App* cmd = root.add_subcommand(
      "timeline", "Write a Perfetto / chrome://tracing timeline of a trace: a track per task, "
                  "running and blocked slices, arrows from each send to its receive");
  cmd->add_option("trace", st->trace, "Trace file")->required();
  cmd->add_option("--output,-o", st->output, "JSON file to write (default: timeline.json)");
  cmd->add_option("--from", st->from, "Start of the window, seconds since the trace started")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--to", st->to, "End of the window, seconds since the trace started")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-events", st->max_events,
                  "Slices written at most (default 1000000, 0: no cap); a warning says what was cut");
  cmd->add_flag("--no-progress", st->no_progress, "Never draw a progress bar");
  cmd->footer("Open the file at https://ui.perfetto.dev (Open trace file) or in chrome://tracing.");
  return Subcommand{cmd, [st]() -> int {
                      if (st->to >= 0 && st->to < st->from) {
                        PrintError("timeline: --to must not be before --from");
                        return kExitUsage;
                      }
                      analyzer::TimelineRequest req;
                      req.path = st->output;
                      req.max_events = st->max_events;
                      req.window.from_ns = static_cast<int64_t>(st->from * 1e9);
                      if (st->to >= 0) req.window.to_ns = static_cast<int64_t>(st->to * 1e9);
                      ProgressBar bar(!st->no_progress && IsTerminal(STDERR_FILENO), st->trace);
                      auto r = analyzer::WriteTimeline(st->trace, req,
                                                       [&](uint64_t d, uint64_t t) { bar.Update(d, t); });
                      bar.Finish();
                      if (!r) {
                        PrintError(r.error().message);
                        return kExitUsage;
                      }
                      for (const std::string& w : r->warnings)
                        std::fprintf(stderr, "ccsp-analyze: warning: %s\n", w.c_str());
                      WarnTimelineCuts(*r, st->max_events, st->output);
                      return 0;
                    }};
}

}  // namespace ccsp::cli
