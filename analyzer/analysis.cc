// Wires reader, metadata, replay and suppressions together into one AnalysisResult.
#include "analyzer/analysis.h"

#include <algorithm>
#include <exception>

#include "analyzer/lock_order.h"
#include "analyzer/metadata.h"
#include "analyzer/replay.h"
#include "analyzer/trace_file.h"

namespace ccsp::analyzer {
namespace {

Result<AnalysisResult> Analyze(Result<std::unique_ptr<TraceFile>> opened, Diagnostics& diag,
                               const AnalyzeOptions& opts) {
  if (!opened) return opened.error();
  TraceFile& file = *opened.value();
  Metadata meta = Metadata::Load(file, diag);
  ReplayOptions ro;
  ro.progress = opts.progress;
  ro.max_range_bytes = opts.max_range_bytes;
  ro.shadow_page_limit = opts.shadow_page_limit;
  if (opts.shadow_bytes_limit) {
    size_t pages = std::max<uint64_t>(1, opts.shadow_bytes_limit / ShadowMemory::page_footprint());
    if (!ro.shadow_page_limit || pages < ro.shadow_page_limit) ro.shadow_page_limit = pages;
  }
  Replay replay(file, meta, diag, ro);
  LockOrder lock_order;
  replay.set_lock_order(&lock_order);
  replay.Run();
  ReportLockOrderCycles(lock_order, replay, file, meta);

  AnalysisResult res;
  res.findings = std::move(replay.findings().findings());
  if (opts.suppressions) opts.suppressions->Apply(res.findings);

  TraceSummary& s = res.trace;
  const trace::FileHeader& h = file.header();
  s.path = file.name();
  s.program = h.program;
  for (const auto& [index, str] : meta.args) s.args.push_back(meta.String(str));
  s.pid = h.pid;
  s.parent_pid = h.parent_pid;
  s.complete = file.complete();
  s.fork_child = (h.flags & trace::kFlagForkChild) != 0;
  if (s.complete) {
    s.has_exit_status = true;
    s.exit_status = h.exit_status;
  } else if (replay.saw_exit()) {
    s.has_exit_status = true;
    s.exit_status = replay.exit_status();
  }
  s.events = replay.events();
  s.payload_bytes = file.payload_bytes();
  s.tasks = static_cast<uint32_t>(replay.task_count());
  s.shadow_bytes = replay.shadow_bytes();
  if (!s.complete)
    diag.Warn(file.name() + ": the trace is incomplete (the program did not exit normally: "
                            "crash, _exit, kill, or still running); analyzed what was recorded");
  s.warnings = diag.All();
  return res;
}

}  // namespace

size_t AnalysisResult::Count(FindingKind k) const {
  size_t n = 0;
  for (const Finding& f : findings) n += !f.suppressed && f.kind == k;
  return n;
}

size_t AnalysisResult::Reported() const {
  size_t n = 0;
  for (const Finding& f : findings) n += !f.suppressed;
  return n;
}

size_t AnalysisResult::Suppressed() const { return findings.size() - Reported(); }

// Last line of defence: nothing thrown inside (e.g. std::bad_alloc on a pathological trace)
// crosses the library boundary.
Result<AnalysisResult> AnalyzeFile(const std::string& path, const AnalyzeOptions& opts) {
  try {
    Diagnostics diag;
    return Analyze(TraceFile::Open(path, diag), diag, opts);
  } catch (const std::exception& e) {
    return Error{path + ": analysis failed: " + e.what()};
  }
}

Result<AnalysisResult> AnalyzeBuffer(const uint8_t* data, size_t size, const std::string& name,
                                     const AnalyzeOptions& opts) {
  try {
    Diagnostics diag;
    return Analyze(TraceFile::FromSource(MemorySource(data, size), name, diag), diag, opts);
  } catch (const std::exception& e) {
    return Error{name + ": analysis failed: " + e.what()};
  }
}

}  // namespace ccsp::analyzer
