// Profiles written by `ccsp-analyze run --profile=...` (run_profiles.h).
#include "run_profiles.h"

#include <cstdio>

#include "common.h"

namespace ccsp::cli {

std::string ProfileTypeNames();  // profile_subcommand.cc
void WarnTimelineCuts(const analyzer::RunSummary& s, uint64_t max_events, const std::string& path);

bool RunProfiles::Prepare(const std::vector<std::string>& names, const std::string& report_output) {
  std::string dir;
  size_t slash = report_output.rfind('/');
  if (slash != std::string::npos) dir = report_output.substr(0, slash + 1);
  for (const std::string& n : names) {
    std::string path;
    if (n == "timeline") {
      timeline_path_ = path = dir + "timeline.json";
    } else if (auto kind = analyzer::ParseProfileKind(n)) {
      path = dir + std::string(analyzer::InfoOf(*kind).file);
      bool dup = false;
      for (const analyzer::ProfileJob& j : jobs_) dup |= j.kind == *kind;
      if (!dup) jobs_.push_back({*kind, path});
    } else {
      PrintError("run: unknown profile type '" + n + "' in --profile (types: " + ProfileTypeNames() +
                 ", timeline)");
      return false;
    }
    if (auto w = analyzer::CheckWritable(path); !w) {
      PrintError("run: --profile=" + n + ": " + w.error().message);
      return false;
    }
  }
  return true;
}

bool RunProfiles::Start(std::vector<analyzer::Consumer*>* consumers) {
  analyzer::ProfileOptions opts;
  for (const analyzer::ProfileJob& j : jobs_) {
    consumers_.push_back(analyzer::MakeProfileConsumer(j.kind, opts));
    consumers->push_back(consumers_.back().get());
  }
  if (!timeline_path_.empty()) {
    profiles::WriteStatus st;
    writer_ = profiles::ChromeTraceWriter::OpenFile(timeline_path_, {}, &st);
    if (!writer_) {
      PrintError(st.message);
      return false;
    }
    timeline_ = std::make_unique<analyzer::TimelineConsumer>(*writer_, analyzer::TimelineOptions{});
    consumers->push_back(timeline_.get());
  }
  return true;
}

bool RunProfiles::Write() {
  bool ok = true;
  for (size_t i = 0; i < jobs_.size(); ++i) {
    const analyzer::ProfileConsumer& c = *consumers_[i];
    if (auto w = analyzer::WriteProfile(c, jobs_[i].path); !w) {
      PrintError(w.error().message);
      ok = false;
      continue;
    }
    for (const std::string& w : c.warnings()) std::fprintf(stderr, "ccsp-analyze: warning: %s\n", w.c_str());
    PrintNote(std::string(analyzer::InfoOf(c.kind()).name) + " profile written to " + jobs_[i].path +
              " (go tool pprof -top " + jobs_[i].path + ")");
  }
  if (writer_) {
    profiles::WriteStatus st = writer_->Finish();
    if (!st) {
      PrintError(st.message);
      return false;
    }
    analyzer::RunSummary s;
    s.timeline = timeline_->summary();
    s.cuts = writer_->cuts();
    WarnTimelineCuts(s, 1'000'000, timeline_path_);
    PrintNote("timeline written to " + timeline_path_ + " (open it at https://ui.perfetto.dev)");
  }
  return ok;
}

}  // namespace ccsp::cli
