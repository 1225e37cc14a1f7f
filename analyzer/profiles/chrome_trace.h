// ChromeTraceWriter: streams Chrome trace-event JSON (what Perfetto and chrome://tracing
// open): named tracks, complete slices, instants and flow arrows, with an event cap.
// Writes as it goes through a small buffer, never holding the trace; never throws.
#pragma once

#include <cstdint>
#include <cstdio>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "analyzer/profiles/write_status.h"

namespace ccsp::profiles {

// The caller's id of one track (one task). Written as tid = id + 1, because Perfetto
// files tid 0 under the kernel's idle thread ("swapper") rather than under our process.
enum class TrackId : uint32_t {};

// A slice or instant argument ("args" in the viewer's details pane).
struct TraceArg {
  static TraceArg Str(std::string_view key, std::string_view value) {
    return TraceArg{key, value, 0, false};
  }
  static TraceArg Int(std::string_view key, int64_t value) { return TraceArg{key, {}, value, true}; }

  std::string_view key;
  std::string_view str;
  int64_t num = 0;
  bool is_int = false;
};

// A complete slice ("ph":"X") on one track: [ts, ts + dur), in nanoseconds (written as
// microseconds with three decimals, so nothing is rounded away).
//
// Flow arrows are "flow v2": the arrow's id sits on the slice it leaves (flow_out) and on
// the slice it enters (flow_in), as bind_id. Perfetto binds such an id to exactly that
// slice; the older "s"/"f" events bind to whichever slice is open on the track at their
// timestamp, so they silently drop arrows at slice boundaries and on zero-length slices.
// Chrome writes v2 itself, so chrome://tracing reads it too. Rules the caller keeps:
//  - the flow_in slice must not start before its flow_out slice (Perfetto sorts by time
//    and drops an arrow whose end it meets first); put the arrival on the slice that
//    starts when the task wakes (or on a zero-length slice at that instant), not on the
//    blocked slice that began before the sender ran;
//  - one JSON event holds one bind_id: when flow_in and flow_out are both set and differ,
//    the writer adds a zero-length slice of the same name at `ts_ns` for the arrival.
struct TraceSlice {
  TrackId track{};
  std::string_view name;
  std::string_view category;  // empty: none
  int64_t ts_ns = 0;
  int64_t dur_ns = 0;
  std::span<const TraceArg> args;
  uint64_t flow_out = 0;  // id of the arrow leaving this slice; 0: none
  uint64_t flow_in = 0;   // id of the arrow arriving at this slice; 0: none
};

// What the cap cut, by kind, so the caller can say so in a warning.
struct TraceCuts {
  uint64_t slices = 0;
  uint64_t instants = 0;
  uint64_t flow_ends = 0;  // arrow ends on cut slices: arrows now missing or dangling

  uint64_t events() const { return slices + instants; }
};

class ChromeTraceWriter {
 public:
  struct Options {
    // Slices and instants written at most (a split arrival counts as one); later ones
    // are counted, not written, and one uncounted global instant marks where the cut
    // began. Track names are never cut (one per track). 0: no cap.
    uint64_t max_events = 1'000'000;
    uint32_t pid = 1;  // every track belongs to this one process
    std::string process_name = "ccsp";
  };

  // Writes to a stream or a stdio file the caller owns and keeps open until Finish.
  explicit ChromeTraceWriter(std::ostream& out);
  ChromeTraceWriter(std::ostream& out, Options options);
  explicit ChromeTraceWriter(std::FILE* out);
  ChromeTraceWriter(std::FILE* out, Options options);
  // Creates (or truncates) `path`; on failure returns null and says why in `status`.
  static std::unique_ptr<ChromeTraceWriter> OpenFile(const std::string& path, Options options,
                                                     WriteStatus* status);
  ~ChromeTraceWriter();  // Finishes if the caller did not (its status is then lost)

  ChromeTraceWriter(const ChromeTraceWriter&) = delete;
  ChromeTraceWriter& operator=(const ChromeTraceWriter&) = delete;

  // Names a track ("thread_name"); sort_index >= 0 also orders it in chrome://tracing.
  void NameTrack(TrackId track, std::string_view name, int64_t sort_index = -1);
  void Slice(const TraceSlice& slice);
  // A thread-scoped instant ("ph":"i"): a tick on the track.
  void Instant(TrackId track, std::string_view name, int64_t ts_ns,
               std::span<const TraceArg> args = {}, std::string_view category = {});

  // Closes the JSON (the footer's "otherData" repeats the counts) and flushes; closes
  // the file if OpenFile made it. The status reports the first write error, if any.
  WriteStatus Finish();

  uint64_t events_written() const { return events_written_; }
  const TraceCuts& cuts() const { return cuts_; }
  bool capped() const { return cuts_.events() != 0; }

 private:
  // True when one more counted event fits under the cap; the first refusal also writes
  // one global instant marking where the cut starts.
  bool Admit(int64_t ts_ns);
  void WriteHeader();
  void BeginEvent(char phase, TrackId track, int64_t ts_ns);
  void WriteSliceEvent(const TraceSlice& slice, uint64_t bind_id, bool flow_in, bool flow_out,
                       int64_t dur_ns);
  void WriteArgs(std::span<const TraceArg> args);
  void Flush();

  Options options_;
  std::ostream* stream_ = nullptr;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::string path_;  // for error messages; empty unless OpenFile
  std::string buffer_;
  bool finished_ = false;
  uint64_t events_written_ = 0;
  TraceCuts cuts_;
  std::string error_;
};

}  // namespace ccsp::profiles
