// ChromeTraceWriter tests: the JSON is parsed back (nlohmann_json, which rejects invalid
// UTF-8) and checked for tracks, slices, instants, flow pairs, the event cap and its
// counts, escaping, and write errors.
#include "analyzer/profiles/chrome_trace.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace ccsp::profiles {
namespace {

using nlohmann::json;

std::vector<json> EventsOf(const json& trace, const std::string& phase) {
  std::vector<json> out;
  for (const json& e : trace.at("traceEvents")) {
    if (e.at("ph") == phase) out.push_back(e);
  }
  return out;
}

// A two-stage pipeline: producer sends twice to consumer, main creates both.
std::string PipelineTrace(ChromeTraceWriter::Options options, TraceCuts* cuts = nullptr,
                          uint64_t* written = nullptr) {
  std::ostringstream out;
  {
    ChromeTraceWriter w(out, options);
    w.NameTrack(TrackId{0}, "task 0: main", 0);
    w.NameTrack(TrackId{1}, "task 1: producer (pipe.cc:10)", 1);
    w.NameTrack(TrackId{2}, "task 2: consumer (pipe.cc:20)", 2);
    // create -> start arrows (ids 1, 2), send -> recv arrows (ids 3, 4).
    w.Slice({TrackId{0}, "running", "task", 0, 10'000, {}, 1, 0});
    w.Slice({TrackId{0}, "go", "op", 1'000, 500, {}, 2, 0});
    w.Slice({TrackId{1}, "running", "task", 2'000, 8'000, {}, 0, 1});
    w.Slice({TrackId{2}, "running", "task", 2'500, 1'000, {}, 0, 2});
    const TraceArg recv_args[] = {TraceArg::Str("object", "chan#1"), TraceArg::Int("cap", 0)};
    w.Slice({TrackId{2}, "blocked: chan receive chan#1", "block", 3'500, 1'500, recv_args, 0, 0});
    w.Slice({TrackId{1}, "chan send chan#1", "op", 4'000, 1'000, {}, 3, 0});
    w.Slice({TrackId{2}, "running", "task", 5'000, 1'234'567, {}, 0, 3});
    w.Slice({TrackId{1}, "chan send chan#1", "op", 6'000, 0, {}, 4, 0});
    w.Slice({TrackId{2}, "chan recv chan#1", "op", 6'001, 10, {}, 0, 4});
    w.Instant(TrackId{1}, "close chan#1", 7'000);
    if (cuts) *cuts = w.cuts();
    if (written) *written = w.events_written();
    EXPECT_TRUE(w.Finish());
    if (cuts) *cuts = w.cuts();
    if (written) *written = w.events_written();
  }
  return out.str();
}

TEST(ChromeTrace, TracksSlicesAndInstants) {
  const json trace = json::parse(PipelineTrace({}));
  // Process and track names; tid = track + 1.
  std::map<int, std::string> names;
  std::string process;
  for (const json& m : EventsOf(trace, "M")) {
    if (m.at("name") == "thread_name") names[m.at("tid")] = m.at("args").at("name");
    if (m.at("name") == "process_name") process = m.at("args").at("name");
  }
  EXPECT_EQ(process, "ccsp");
  EXPECT_EQ(names, (std::map<int, std::string>{{1, "task 0: main"},
                                                {2, "task 1: producer (pipe.cc:10)"},
                                                {3, "task 2: consumer (pipe.cc:20)"}}));
  const std::vector<json> slices = EventsOf(trace, "X");
  ASSERT_EQ(slices.size(), 9u);
  for (const json& s : slices) EXPECT_EQ(s.at("pid"), 1);
  const json& blocked = slices[4];
  EXPECT_EQ(blocked.at("name"), "blocked: chan receive chan#1");
  EXPECT_EQ(blocked.at("cat"), "block");
  EXPECT_EQ(blocked.at("tid"), 3);
  EXPECT_DOUBLE_EQ(blocked.at("ts").get<double>(), 3.5);
  EXPECT_DOUBLE_EQ(blocked.at("dur").get<double>(), 1.5);
  EXPECT_EQ(blocked.at("args").at("object"), "chan#1");
  EXPECT_EQ(blocked.at("args").at("cap"), 0);
  // Fractional nanoseconds survive: 1'234'567 ns = 1234.567 us.
  EXPECT_DOUBLE_EQ(slices[6].at("dur").get<double>(), 1234.567);
  const std::vector<json> instants = EventsOf(trace, "i");
  ASSERT_EQ(instants.size(), 1u);
  EXPECT_EQ(instants[0].at("s"), "t");
  EXPECT_EQ(instants[0].at("name"), "close chan#1");
  EXPECT_EQ(instants[0].at("tid"), 2);
  EXPECT_EQ(trace.at("otherData").at("slices_cut"), 0);
  EXPECT_EQ(trace.at("otherData").at("events_written"), 10);
}

TEST(ChromeTrace, FlowPairsBindToTheirSlices) {
  const json trace = json::parse(PipelineTrace({}));
  struct Ends {
    std::vector<json> out, in;
  };
  std::map<std::string, Ends> flows;
  for (const json& s : EventsOf(trace, "X")) {
    if (!s.contains("bind_id")) continue;
    const bool in = s.value("flow_in", false);
    const bool out = s.value("flow_out", false);
    EXPECT_NE(in, out) << s.dump();
    (out ? flows[s.at("bind_id")].out : flows[s.at("bind_id")].in).push_back(s);
  }
  ASSERT_EQ(flows.size(), 4u);
  for (const auto& [id, ends] : flows) {
    ASSERT_EQ(ends.out.size(), 1u) << id;
    ASSERT_EQ(ends.in.size(), 1u) << id;
    // Perfetto drops an arrow whose arrival sorts before its departure.
    EXPECT_LE(ends.out[0].at("ts").get<double>(), ends.in[0].at("ts").get<double>()) << id;
  }
  // send -> recv: from the producer's send to the consumer's wake-up.
  const Ends& send1 = flows.at("0x3");
  EXPECT_EQ(send1.out[0].at("tid"), 2);
  EXPECT_EQ(send1.out[0].at("name"), "chan send chan#1");
  EXPECT_EQ(send1.in[0].at("tid"), 3);
  EXPECT_EQ(send1.in[0].at("name"), "running");
  // create -> start.
  EXPECT_EQ(flows.at("0x1").out[0].at("tid"), 1);
  EXPECT_EQ(flows.at("0x1").in[0].at("tid"), 2);
}

TEST(ChromeTrace, InAndOutOnOneSliceSplitsTheArrival) {
  std::ostringstream out;
  ChromeTraceWriter w(out);
  w.Slice({TrackId{3}, "unlock m", "op", 100, 50, {}, 9, 8});   // two different arrows
  w.Slice({TrackId{3}, "step", "op", 200, 50, {}, 5, 5});       // same id: passes through
  ASSERT_TRUE(w.Finish());
  const std::vector<json> slices = EventsOf(json::parse(out.str()), "X");
  ASSERT_EQ(slices.size(), 3u);
  EXPECT_EQ(slices[0].at("bind_id"), "0x9");
  EXPECT_TRUE(slices[0].at("flow_out"));
  EXPECT_FALSE(slices[0].contains("flow_in"));
  EXPECT_DOUBLE_EQ(slices[0].at("dur").get<double>(), 0.05);
  EXPECT_EQ(slices[1].at("bind_id"), "0x8");
  EXPECT_TRUE(slices[1].at("flow_in"));
  EXPECT_EQ(slices[1].at("name"), "unlock m");
  EXPECT_DOUBLE_EQ(slices[1].at("ts").get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(slices[1].at("dur").get<double>(), 0.0);
  EXPECT_TRUE(slices[2].at("flow_in"));
  EXPECT_TRUE(slices[2].at("flow_out"));
  EXPECT_EQ(w.events_written(), 3u);
}

TEST(ChromeTrace, EventCapCutsAndCounts) {
  ChromeTraceWriter::Options options;
  options.max_events = 4;
  TraceCuts cuts;
  uint64_t written = 0;
  const std::string text = PipelineTrace(options, &cuts, &written);
  const json trace = json::parse(text);  // still valid JSON
  EXPECT_EQ(written, 4u);
  EXPECT_EQ(cuts.slices, 5u);
  EXPECT_EQ(cuts.instants, 1u);
  EXPECT_EQ(cuts.flow_ends, 4u);  // both ends of arrows 3 and 4; 1 and 2 were written
  EXPECT_EQ(cuts.events(), 6u);
  EXPECT_EQ(EventsOf(trace, "X").size(), 4u);
  EXPECT_EQ(EventsOf(trace, "M").size(), 7u);  // names are never cut
  // One global marker where the cut begins, at the first cut event's time.
  const std::vector<json> instants = EventsOf(trace, "i");
  ASSERT_EQ(instants.size(), 1u);
  EXPECT_EQ(instants[0].at("s"), "g");
  EXPECT_NE(instants[0].at("name").get<std::string>().find("max_events (4) reached"),
            std::string::npos);
  EXPECT_DOUBLE_EQ(instants[0].at("ts").get<double>(), 3.5);
  const json& other = trace.at("otherData");
  EXPECT_EQ(other.at("events_written"), 4);
  EXPECT_EQ(other.at("max_events"), 4);
  EXPECT_EQ(other.at("slices_cut"), 5);
  EXPECT_EQ(other.at("instants_cut"), 1);
  EXPECT_EQ(other.at("flow_ends_cut"), 4);
}

TEST(ChromeTrace, NoCapWhenZero) {
  ChromeTraceWriter::Options options;
  options.max_events = 0;
  std::ostringstream out;
  ChromeTraceWriter w(out, options);
  for (int i = 0; i < 5000; ++i) w.Slice({TrackId{0}, "s", {}, i * 10, 5, {}, 0, 0});
  ASSERT_TRUE(w.Finish());
  EXPECT_FALSE(w.capped());
  EXPECT_EQ(EventsOf(json::parse(out.str()), "X").size(), 5000u);  // crossed several flushes
}

TEST(ChromeTrace, NamesAreEscapedAndValidUtf8) {
  std::ostringstream out;
  ChromeTraceWriter w(out);
  const std::string weird = std::string("q\"b\\n\nt\tc\x01") + "\x7f" + "caf\xc3\xa9 \xff\xc3" +
                            "\xe2\x82\xac\xed\xa0\x80";
  w.NameTrack(TrackId{0}, weird);
  const TraceArg args[] = {TraceArg::Str(weird, weird)};
  w.Slice({TrackId{0}, weird, weird, -1'500, 10, args, 0, 0});
  ASSERT_TRUE(w.Finish());
  json trace;
  ASSERT_NO_THROW(trace = json::parse(out.str())) << out.str();
  const json slice = EventsOf(trace, "X").at(0);
  const std::string name = slice.at("name");
  EXPECT_EQ(name.substr(0, 10), "q\"b\\n\nt\tc\x01");
  EXPECT_NE(name.find("caf\xc3\xa9"), std::string::npos);          // valid UTF-8 kept
  EXPECT_NE(name.find("\xe2\x82\xac"), std::string::npos);         // euro sign kept
  EXPECT_NE(name.find("\xef\xbf\xbd\xef\xbf\xbd"), std::string::npos);  // \xff, lone \xc3
  EXPECT_EQ(name.find("\xed\xa0\x80"), std::string::npos);         // surrogate replaced
  EXPECT_DOUBLE_EQ(slice.at("ts").get<double>(), -1.5);
  // Raw control bytes never reach the file (Perfetto's tokenizer rejects them).
  for (char c : out.str()) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 || c == '\n') << int(u);
    EXPECT_NE(u, 0x7f);
  }
}

TEST(ChromeTrace, FileSinkAndOpenFile) {
  std::FILE* tmp = std::tmpfile();
  ASSERT_NE(tmp, nullptr);
  {
    ChromeTraceWriter w(tmp);
    w.NameTrack(TrackId{0}, "main");
    w.Slice({TrackId{0}, "running", {}, 0, 1000, {}, 0, 0});
    ASSERT_TRUE(w.Finish());
  }
  std::rewind(tmp);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, tmp)) > 0) text.append(buf, n);
  std::fclose(tmp);
  EXPECT_EQ(EventsOf(json::parse(text), "X").size(), 1u);

  WriteStatus status;
  auto missing = ChromeTraceWriter::OpenFile("/nonexistent-dir/t.json", {}, &status);
  EXPECT_EQ(missing, nullptr);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message.find("cannot write /nonexistent-dir/t.json: No such file"),
            std::string::npos)
      << status.message;

  const std::string path = std::string(::testing::TempDir()) + "/ccsp_chrome_trace_test.json";
  auto writer = ChromeTraceWriter::OpenFile(path, {}, &status);
  ASSERT_NE(writer, nullptr) << status.message;
  writer->Slice({TrackId{1}, "x", {}, 5, 5, {}, 0, 0});
  ASSERT_TRUE(writer->Finish());
  std::FILE* in = std::fopen(path.c_str(), "r");
  ASSERT_NE(in, nullptr);
  text.clear();
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, n);
  std::fclose(in);
  std::remove(path.c_str());
  EXPECT_EQ(EventsOf(json::parse(text), "X").at(0).at("tid"), 2);
}

TEST(ChromeTrace, StreamErrorIsReported) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  ChromeTraceWriter w(out);
  w.Slice({TrackId{0}, "s", {}, 0, 1, {}, 0, 0});
  const WriteStatus status = w.Finish();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message.find("cannot write trace output"), std::string::npos)
      << status.message;
  EXPECT_FALSE(w.Finish().ok());  // a second Finish repeats the outcome
}

}  // namespace
}  // namespace ccsp::profiles
