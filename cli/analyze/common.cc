// Shared option handling and report routing for ccsp-analyze.
#include "common.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analyzer/reports/report_json.h"
#include "analyzer/reports/report_text.h"
#include "progress.h"

namespace ccsp::cli {

using analyzer::AnalysisResult;

void AddCommonOptions(CLI::App& app, CommonOptions& o) {
  app.add_option("--format", o.format, "Report format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--output,-o", o.output, "Write the report to FILE");
  app.add_option("--exitcode", o.exitcode, "Exit status when anything is reported (default 66)")
      ->check(CLI::Range(0, 255));
  app.add_option("--suppressions", o.suppressions, "Suppressions file (TSan format); repeatable")
      ->allow_extra_args(false);
  app.add_option("--color", o.color, "Colour: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--no-progress", o.no_progress, "Never draw a progress bar");
  app.add_flag("--show-suppressed", o.show_suppressed, "Print suppressed reports too (text)");
  app.add_flag("--full-stacks", o.full_stacks,
               "Text: also show the std:: and ccsp library frames that start each task");
  app.add_option("--max-shadow-mb", o.max_shadow_mb,
                 "Shadow memory budget in MiB (default: half of physical memory); past it, "
                 "accesses to memory not yet tracked are not checked, with a warning")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40));
}

void PrintError(const std::string& msg) { std::fprintf(stderr, "ccsp-analyze: error: %s\n", msg.c_str()); }
void PrintNote(const std::string& msg) { std::fprintf(stderr, "ccsp-analyze: note: %s\n", msg.c_str()); }

bool LoadSuppressions(const CommonOptions& o, const std::vector<std::string>& extra,
                      analyzer::Suppressions* out) {
  std::vector<std::string> files = o.suppressions;
  files.insert(files.end(), extra.begin(), extra.end());
  for (const std::string& f : files) {
    auto s = analyzer::Suppressions::LoadFile(f);
    if (!s) {
      PrintError(s.error().message);
      return false;
    }
    out->Append(s.value());
  }
  return true;
}

// A corrupt or pathological trace (ranges of gigabytes everywhere) must not take the machine's
// memory: the shadow gets a budget, by default half of physical memory.
static uint64_t ShadowBudget(const CommonOptions& o) {
  if (o.max_shadow_mb) return o.max_shadow_mb << 20;
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) / 2;
}

std::vector<AnalysisResult> AnalyzeTraces(const std::vector<std::string>& traces,
                                          const CommonOptions& o, analyzer::Suppressions* supp,
                                          bool* failed, const std::vector<analyzer::Consumer*>& extra) {
  std::vector<AnalysisResult> results;
  bool bar = !o.no_progress && IsTerminal(STDERR_FILENO);
  for (const std::string& t : traces) {
    ProgressBar progress(bar, t);
    analyzer::AnalyzeOptions ao;
    ao.suppressions = supp;
    ao.shadow_bytes_limit = ShadowBudget(o);
    ao.progress = [&](uint64_t done, uint64_t total) { progress.Update(done, total); };
    ao.extra_consumers = extra;
    auto r = analyzer::AnalyzeFile(t, ao);
    progress.Finish();
    if (!r) {
      PrintError(r.error().message);
      *failed = true;
      continue;
    }
    results.push_back(std::move(r.value()));
  }
  return results;
}

static bool UseColor(const CommonOptions& o, int fd) {
  if (o.color == "always") return true;
  if (o.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return !(no_color && *no_color) && IsTerminal(fd);
}

bool WriteReport(const std::vector<AnalysisResult>& results, const CommonOptions& o,
                 FILE* text_stream) {
  std::ostringstream ss;
  bool json = o.format == "json";
  int fd = o.output.empty() ? (json ? STDOUT_FILENO : fileno(text_stream)) : -1;
  if (json) {
    analyzer::RenderJson(results, ss);
    // JSON readers parse stdout; trace warnings also go to stderr for people.
    for (const AnalysisResult& r : results)
      for (const std::string& w : r.trace.warnings)
        std::fprintf(stderr, "ccsp-analyze: warning: %s\n", w.c_str());
  } else {
    analyzer::TextOptions to;
    to.color = fd >= 0 && UseColor(o, fd);
    to.show_suppressed = o.show_suppressed;
    to.full_stacks = o.full_stacks;
    for (const AnalysisResult& r : results) analyzer::RenderText(r, to, ss);
    analyzer::RenderTextSummary(results, to, ss);
  }
  const std::string text = ss.str();
  if (!o.output.empty()) {
    std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
    if (out) out << text;
    if (!out) {
      PrintError("cannot write " + o.output + ": " + std::strerror(errno));
      return false;
    }
    return true;
  }
  FILE* stream = json ? stdout : text_stream;
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
  return true;
}

int ReportsExitCode(const std::vector<AnalysisResult>& results, const CommonOptions& o) {
  for (const AnalysisResult& r : results)
    if (r.Reported()) return o.exitcode;
  return -1;
}

}  // namespace ccsp::cli
