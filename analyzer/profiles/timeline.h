// The timeline (`ccsp-analyze timeline`): a consumer of the engine that writes Chrome trace-event
// JSON for Perfetto and chrome://tracing as the replay goes. One track per task, named by where
// it was created; "running" and blocked slices (a blocked slice is named by its operation and
// object); flow arrows from each send to the receive that took its value, from an unlock to the
// lock it let through (a waiting task's), from a create to the child's start, from the
// wait-group done that reached zero to each wait's return, from a cancel (or a close) to each
// task that observed it. A --from/--to window clips the slices; --max-events caps the output.
#pragma once

#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/hb/consumer.h"
#include "analyzer/hb/engine.h"
#include "analyzer/profiles/chrome_trace.h"

namespace ccsp::analyzer {

struct TimelineOptions {
  int64_t from_ns = 0;  // window, ns since the trace's start
  int64_t to_ns = INT64_MAX;
};

struct TimelineSummary {
  uint64_t tracks = 0, slices = 0, flows = 0;
  uint64_t outside = 0;  // slices and arrows left out by the --from/--to window
  int64_t cut_at_ns = -1;  // where the writer's event cap began to cut (-1: nothing cut)
};

class TimelineConsumer final : public Consumer {
 public:
  // `out` must outlive the replay; the caller calls its Finish afterwards (and reads its cuts).
  TimelineConsumer(profiles::ChromeTraceWriter& out, const TimelineOptions& opts) : out_(out), opts_(opts) {}

  uint32_t interests() const override { return kSyncs; }
  void OnStart(const Engine& engine) override { engine_ = &engine; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext& ctx) override;
  void OnFinish(const Engine& engine) override;

  const TimelineSummary& summary() const { return summary_; }

 private:
  struct End {
    TaskIndex task = kNoTask;
    int64_t ts = 0;
  };
  struct Track {
    bool named = false, live = false, blocked = false;
    int64_t since = 0;  // start of the open slice
    uint32_t op = 0;    // blocked: BlockOp, object, site
    uint64_t obj = 0;
    uint32_t site = 0;
    StackId stack = kEmptyStack;
    uint64_t waited_lock = 0;  // the lock whose wait just ended: its acquisition gets an arrow
  };

  Track& TrackOf(const Task& t);
  std::string TrackName(const Task& t) const;
  std::string ObjectName(uint64_t obj) const;
  const std::string& WhereName(StackId stack, uint32_t site);
  void CloseSlice(const Task& t, Track& k, int64_t ts, bool never_ended);
  void Slice(TaskIndex track, const std::string& name, std::string_view category, int64_t from, int64_t to,
             std::span<const profiles::TraceArg> args = {});
  // An arrow: a zero-length slice at each end (written together, once the arrival is known).
  void Flow(const End& from, const End& to, std::string_view from_name, std::string_view to_name);
  bool InWindow(int64_t ts) const { return ts >= opts_.from_ns && ts <= opts_.to_ns; }
  void NoteCut(int64_t ts) {
    if (summary_.cut_at_ns < 0 && out_.capped()) summary_.cut_at_ns = ts;
  }

  profiles::ChromeTraceWriter& out_;
  TimelineOptions opts_;
  const Engine* engine_ = nullptr;
  TimelineSummary summary_;
  uint64_t next_flow_ = 1;
  std::vector<Track> tracks_;  // by task index
  std::unordered_map<uint64_t, std::unordered_map<uint64_t, End>> sends_;  // chan -> k -> send
  std::unordered_map<uint64_t, End> unlocks_;   // lock -> its latest unlock
  std::unordered_map<TaskIndex, End> creates_;  // child -> its creation
  std::unordered_map<uint64_t, End> wg_zero_;   // wait group -> the done that reached zero
  std::unordered_map<uint64_t, End> cancels_;   // context / channel -> its cancel / close
  std::unordered_map<uint64_t, std::string> where_;  // (stack, site) -> WhereName
  std::set<std::pair<TaskIndex, uint64_t>> observed_;  // (task, object): one arrow per observer
};

}  // namespace ccsp::analyzer
