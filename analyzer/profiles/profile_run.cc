// The profiles' front door (profile_run.h) and the consumer factory. Nothing thrown inside (a
// pathological trace's bad_alloc) crosses it.
#include "analyzer/profiles/profile_run.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>

#include "analyzer/profiles/block_profile.h"
#include "analyzer/profiles/cpu_profile.h"
#include "analyzer/profiles/heap_profile.h"
#include "analyzer/profiles/mutex_profile.h"
#include "analyzer/profiles/task_profile.h"
#include "analyzer/reading/metadata.h"
#include "analyzer/reading/trace_file.h"

namespace ccsp::analyzer {

std::unique_ptr<ProfileConsumer> MakeProfileConsumer(ProfileKind kind, const ProfileOptions& opts) {
  switch (kind) {
    case ProfileKind::kMutex: return std::make_unique<MutexProfile>(opts);
    case ProfileKind::kBlock: return std::make_unique<BlockProfile>(opts);
    case ProfileKind::kTask: return std::make_unique<TaskProfile>(opts);
    case ProfileKind::kHeap:
    case ProfileKind::kAllocs: return std::make_unique<HeapProfile>(kind, opts);
    case ProfileKind::kCpu: return std::make_unique<CpuProfile>(opts);
  }
  return nullptr;
}

Result<RunSummary> ReplayInto(const std::string& trace, const std::vector<Consumer*>& consumers,
                              const std::function<void(uint64_t, uint64_t)>& progress) {
  try {
    Diagnostics diag;
    auto opened = TraceFile::Open(trace, diag);
    if (!opened) return opened.error();
    TraceFile& file = *opened.value();
    Metadata meta = Metadata::Load(file, diag);
    EngineOptions eo;
    eo.progress = progress;
    Engine engine(file, meta, diag, eo);
    for (Consumer* c : consumers) engine.Add(c);
    engine.Run();
    if (engine.failed()) return Error{engine.error()};
    RunSummary s;
    if (!file.complete())
      diag.Warn(file.name() + ": the trace is incomplete (the program did not exit normally); "
                              "profiled what was recorded");
    s.warnings = diag.All();
    return s;
  } catch (const std::exception& e) {
    return Error{trace + ": replay failed: " + e.what()};
  }
}

Result<bool> CheckWritable(const std::string& path) {
  if (path.empty()) return Error{"no output file given (-o FILE)"};
  if (::access(path.c_str(), F_OK) == 0) {
    if (::access(path.c_str(), W_OK) != 0) return Error{"cannot write " + path + ": " + std::strerror(errno)};
    return true;
  }
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  if (::access(dir.c_str(), W_OK) != 0) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  return true;
}

Result<bool> WriteProfile(const ProfileConsumer& c, const std::string& path) {
  if (!c.error().empty()) return Error{c.error()};
  profiles::WriteStatus st = c.profile().WriteFile(path);
  if (!st) return Error{st.message};
  return true;
}

Result<RunSummary> WriteProfiles(const std::string& trace, const std::vector<ProfileJob>& jobs,
                                 const ProfileOptions& opts,
                                 const std::function<void(uint64_t, uint64_t)>& progress) {
  for (const ProfileJob& j : jobs)
    if (auto w = CheckWritable(j.path); !w) return w.error();
  std::vector<std::unique_ptr<ProfileConsumer>> owned;
  std::vector<Consumer*> consumers;
  for (const ProfileJob& j : jobs) {
    owned.push_back(MakeProfileConsumer(j.kind, opts));
    consumers.push_back(owned.back().get());
  }
  auto replay = ReplayInto(trace, consumers, progress);
  if (!replay) return replay.error();
  RunSummary s = std::move(replay.value());
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (auto w = WriteProfile(*owned[i], jobs[i].path); !w) return w.error();
    for (const std::string& w : owned[i]->warnings()) s.warnings.push_back(w);
  }
  return s;
}

Result<RunSummary> WriteTimeline(const std::string& trace, const TimelineRequest& req,
                                 const std::function<void(uint64_t, uint64_t)>& progress) {
  if (auto w = CheckWritable(req.path); !w) return w.error();
  profiles::ChromeTraceWriter::Options wo;
  wo.max_events = req.max_events;
  profiles::WriteStatus st;
  auto writer = profiles::ChromeTraceWriter::OpenFile(req.path, wo, &st);
  if (!writer) return Error{st.message};
  TimelineConsumer timeline(*writer, req.window);
  auto replay = ReplayInto(trace, {&timeline}, progress);
  st = writer->Finish();
  if (!replay) {
    ::unlink(req.path.c_str());
    return replay.error();
  }
  if (!st) return Error{st.message};
  RunSummary s = std::move(replay.value());
  s.timeline = timeline.summary();
  s.cuts = writer->cuts();
  return s;
}

}  // namespace ccsp::analyzer
