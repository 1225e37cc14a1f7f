// Wires reader, metadata, the engine with its consumers, the second looks and the
// suppressions together into one AnalysisResult.
#include "analyzer/analysis.h"

#include <algorithm>
#include <exception>

#include "analyzer/detectors/blocked_tasks.h"
#include "analyzer/detectors/lock_channel.h"
#include "analyzer/detectors/lock_order.h"
#include "analyzer/detectors/misuse.h"
#include "analyzer/detectors/race_detector.h"
#include "analyzer/findings/report_context.h"
#include "analyzer/hb/engine.h"
#include "analyzer/reading/metadata.h"
#include "analyzer/reading/trace_file.h"

namespace ccsp::analyzer {
namespace {

// Runs the consumers' second looks (lock order), each on a fresh replay of the same trace.
void SecondLooks(const std::vector<Consumer*>& consumers, TraceFile& file, const Metadata& meta) {
  for (Consumer* c : consumers) {
    EngineOptions opts;
    Consumer* look = c->SecondLook(opts);
    if (!look) continue;
    Diagnostics quiet;  // the first replay already said everything about the trace
    Engine again(file, meta, quiet, std::move(opts));
    again.Add(look);
    again.Run();
    c->OnSecondLookDone();
  }
}

Result<AnalysisResult> Analyze(Result<std::unique_ptr<TraceFile>> opened, Diagnostics& diag,
                               const AnalyzeOptions& opts) {
  if (!opened) return opened.error();
  TraceFile& file = *opened.value();
  Metadata meta = Metadata::Load(file, diag);
  EngineOptions eo;
  eo.progress = opts.progress;
  eo.first_clock = opts.first_clock;
  Engine engine(file, meta, diag, eo);

  RaceOptions ro;
  ro.max_range_bytes = opts.max_range_bytes;
  ro.shadow_page_limit = opts.shadow_page_limit;
  if (opts.shadow_bytes_limit) {
    size_t pages = std::max<uint64_t>(1, opts.shadow_bytes_limit / ShadowMemory::page_footprint());
    if (!ro.shadow_page_limit || pages < ro.shadow_page_limit) ro.shadow_page_limit = pages;
  }
  FindingSet findings;
  ReportContext ctx(engine, findings);
  RaceDetector races(ctx, ro);
  MisuseDetector misuse(ctx);
  BlockedTaskDetector blocked(ctx);
  LockOrder lock_order(ctx);
  LockChannelOrder lock_channel(ctx);
  std::vector<Consumer*> consumers{&races, &misuse, &blocked, &lock_order, &lock_channel};
  for (Consumer* c : opts.extra_consumers) consumers.push_back(c);
  for (Consumer* c : consumers) engine.Add(c);
  engine.Run();
  if (engine.failed()) return Error{engine.error()};
  SecondLooks(consumers, file, meta);

  AnalysisResult res;
  res.findings = std::move(findings.findings());
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
  } else if (engine.saw_exit()) {
    s.has_exit_status = true;
    s.exit_status = engine.exit_status();
  }
  s.events = engine.events();
  s.payload_bytes = file.payload_bytes();
  s.tasks = 0;  // user tasks: the runtime's own threads are not counted
  for (size_t i = 0; i < engine.task_count(); ++i) s.tasks += !engine.task(static_cast<TaskIndex>(i)).internal;
  s.shadow_bytes = races.shadow().memory_bytes();
  if (!s.complete)
    diag.Warn(file.name() + ": the trace is incomplete (the program did not exit normally: "
                            "crash, _exit, kill, or still running); analyzed what was recorded");
  s.warnings = diag.All();
  return res;
}

}  // namespace

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
