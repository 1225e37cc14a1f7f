// PprofProfile tests: small profiles with known values, written gzipped and read back by
// the real client (`go tool pprof -raw` / `-top`), which must print no warning; plus the
// error paths (unwritable file, bad samples) that need no client.
#include "analyzer/profiles/pprof_profile.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "go_pprof.h"

namespace ccsp::profiles {
namespace {

using testing::FindGo;
using testing::MakeScratchDir;
using testing::ParseRaw;
using testing::ParseTop;
using testing::RunCommand;

class PprofProfileTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeScratchDir(); }

  // Runs `go tool pprof ARGS FILE`; fails the test on a non-zero exit or any stderr.
  std::string Pprof(const std::string& args, const std::string& file) {
    const testing::CommandResult r =
        RunCommand("'" + go_ + "' tool pprof " + args + " '" + file + "'", dir_);
    EXPECT_EQ(r.exit_code, 0) << "pprof " << args << " failed: " << r.err;
    EXPECT_EQ(r.err, "") << "pprof " << args << " printed a warning";
    return r.out;
  }

  // Skips (naming the package) when the real client is not installed.
  bool NeedGo() {
    go_ = FindGo();
    return !go_.empty();
  }

  std::string dir_;
  std::string go_;
};

#define REQUIRE_GO()                                                                  \
  if (!NeedGo()) GTEST_SKIP() << "go not found: install Debian's golang-go to read " \
                                 "profiles back with go tool pprof"

// The mutex profile of issue 12: delay charged at the unlock, two distinct callers.
PprofProfile MutexProfile() {
  PprofProfile p;
  p.AddSampleType("contentions", "count");
  p.AddSampleType("delay", "nanoseconds");
  p.SetPeriod("contentions", "count", 1);
  p.SetTime(1'700'000'000'000'000'000, 2'000'000'000);
  p.SetMainBinary("./app");
  p.AddComment("ccsp mutex profile");
  const Frame unlock{"ccsp::mutex::unlock()", "_ZN4ccsp5mutex6unlockEv", "rtlib/mutex.cc", 42, 40};
  const Frame worker{"worker(int)", "_Z6workeri", "app.cc", 17, 10};
  const Frame other{"other()", "_Z5otherv", "app.cc", 55, 50};
  const Frame main_frame{"main", "", "app.cc", 30, 25};
  const Frame stack1[] = {unlock, worker, main_frame};
  const Frame stack2[] = {unlock, other, main_frame};
  // Two events on stack1 merge into one sample: 3 contentions, 3 ms in all.
  EXPECT_TRUE(p.AddStackSample(stack1, std::vector<int64_t>{2, 2'000'000}));
  EXPECT_TRUE(p.AddStackSample(stack1, std::vector<int64_t>{1, 1'000'000}));
  EXPECT_TRUE(p.AddStackSample(stack2, std::vector<int64_t>{1, 500'000}));
  return p;
}

TEST_F(PprofProfileTest, MutexProfileReadsBackWithRaw) {
  REQUIRE_GO();
  const PprofProfile p = MutexProfile();
  EXPECT_EQ(p.sample_count(), 2u);
  EXPECT_EQ(p.location_count(), 4u);
  const std::string file = dir_ + "/mutex.pb.gz";
  ASSERT_TRUE(p.WriteFile(file)) << p.WriteFile(file).message;

  const std::string out = Pprof("-raw", file);
  const testing::RawProfile raw = ParseRaw(out);
  // No default sample type set (as Go's mutex profile): pprof uses the last, unmarked.
  EXPECT_EQ(raw.sample_types_line, "contentions/count delay/nanoseconds");
  EXPECT_NE(out.find("PeriodType: contentions count"), std::string::npos) << out;
  EXPECT_NE(out.find("Period: 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Duration: 2s"), std::string::npos) << out;
  EXPECT_NE(out.find("Comment: ccsp mutex profile"), std::string::npos) << out;
  ASSERT_EQ(raw.samples.size(), 2u) << out;
  EXPECT_EQ(raw.samples[0].values, (std::vector<long long>{3, 3'000'000}));
  EXPECT_EQ(raw.samples[0].functions,
            (std::vector<std::string>{"ccsp::mutex::unlock()", "worker(int)", "main"}));
  EXPECT_EQ(raw.samples[1].values, (std::vector<long long>{1, 500'000}));
  EXPECT_EQ(raw.samples[1].functions,
            (std::vector<std::string>{"ccsp::mutex::unlock()", "other()", "main"}));
  // Every location: name, file:line, start line and the system name.
  ASSERT_EQ(raw.locations.size(), 4u);
  EXPECT_EQ(raw.locations.at(1).at(0),
            "ccsp::mutex::unlock() rtlib/mutex.cc:42 s=40(_ZN4ccsp5mutex6unlockEv)");
  EXPECT_EQ(raw.locations.at(2).at(0), "worker(int) app.cc:17 s=10(_Z6workeri)");
  // No system name given: -raw prints it empty, "()", and every view keeps the name as
  // given (pprof would shorten a C++-looking name whose system name equals it).
  EXPECT_EQ(raw.locations.at(3).at(0), "main app.cc:30 s=25()");
}

TEST_F(PprofProfileTest, MutexProfileTopBySampleIndex) {
  REQUIRE_GO();
  const std::string file = dir_ + "/mutex.pb.gz";
  ASSERT_TRUE(MutexProfile().WriteFile(file));

  std::string type;
  auto rows = ParseTop(Pprof("-top -sample_index=contentions", file), &type);
  EXPECT_EQ(type, "Type: contentions");
  EXPECT_EQ(rows["ccsp::mutex::unlock()"].flat, "4");
  EXPECT_EQ(rows["worker(int)"].cum, "3");
  EXPECT_EQ(rows["other()"].cum, "1");
  EXPECT_EQ(rows["main"].flat, "0");
  EXPECT_EQ(rows["main"].cum, "4");

  rows = ParseTop(Pprof("-top -sample_index=delay -unit=ns", file), &type);
  EXPECT_EQ(type, "Type: delay");
  EXPECT_EQ(rows["ccsp::mutex::unlock()"].flat, "3500000ns");
  EXPECT_EQ(rows["worker(int)"].cum, "3000000ns");
  EXPECT_EQ(rows["other()"].cum, "500000ns");

  // -lines: one row per file:line.
  rows = ParseTop(Pprof("-top -lines -sample_index=delay -unit=ns", file), nullptr);
  EXPECT_EQ(rows["ccsp::mutex::unlock() rtlib/mutex.cc:42"].flat, "3500000ns");
  EXPECT_EQ(rows["worker(int) app.cc:17"].cum, "3000000ns");
  // The other views read it without a warning too (Pprof checks stderr).
  Pprof("-traces", file);
  Pprof("-tags", file);
}

// The heap profile: four values per sample, inuse_space shown by default.
TEST_F(PprofProfileTest, HeapProfileDefaultSampleType) {
  REQUIRE_GO();
  PprofProfile p;
  p.AddSampleType("alloc_objects", "count");
  p.AddSampleType("alloc_space", "bytes");
  p.AddSampleType("inuse_objects", "count");
  p.AddSampleType("inuse_space", "bytes");
  p.SetDefaultSampleType("inuse_space");
  p.SetPeriod("space", "bytes", 1);
  const Frame alloc{"operator new(unsigned long)", "_Znwm", "new.cc", 10, 9};
  const Frame make_buffer{"make_buffer()", "", "heap.cc", 21, 20};
  const Frame make_node{"make_node()", "", "heap.cc", 31, 30};
  const Frame main_frame{"main", "", "heap.cc", 40, 38};
  const Frame stack1[] = {alloc, make_buffer, main_frame};
  const Frame stack2[] = {alloc, make_node, main_frame};
  // 10 buffers of 4 KiB, half freed; 100 nodes of 64 B, none freed.
  ASSERT_TRUE(p.AddStackSample(stack1, std::vector<int64_t>{10, 40960, 5, 20480}));
  ASSERT_TRUE(p.AddStackSample(stack2, std::vector<int64_t>{100, 6400, 100, 6400}));
  const std::string file = dir_ + "/heap.pb.gz";
  ASSERT_TRUE(p.WriteFile(file));

  const testing::RawProfile raw = ParseRaw(Pprof("-raw", file));
  EXPECT_EQ(raw.sample_types_line,
            "alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes[dflt]");
  ASSERT_EQ(raw.samples.size(), 2u);
  EXPECT_EQ(raw.samples[0].values, (std::vector<long long>{10, 40960, 5, 20480}));
  EXPECT_EQ(raw.samples[1].functions,
            (std::vector<std::string>{"operator new(unsigned long)", "make_node()", "main"}));

  std::string type;
  auto rows = ParseTop(Pprof("-top -unit=B", file), &type);
  EXPECT_EQ(type, "Type: inuse_space");
  EXPECT_EQ(rows["make_buffer()"].cum, "20480B");
  EXPECT_EQ(rows["make_node()"].cum, "6400B");
  rows = ParseTop(Pprof("-top -sample_index=alloc_objects", file), &type);
  EXPECT_EQ(type, "Type: alloc_objects");
  EXPECT_EQ(rows["operator new(unsigned long)"].flat, "110");
  EXPECT_EQ(rows["make_buffer()"].cum, "10");
  rows = ParseTop(Pprof("-top -sample_index=alloc_space -unit=B", file), &type);
  EXPECT_EQ(rows["make_buffer()"].cum, "40960B");
}

// Labels (the task profile's state) and inlined frames (one location, two lines).
TEST_F(PprofProfileTest, LabelsAndInlinedFrames) {
  REQUIRE_GO();
  PprofProfile p;
  p.AddSampleType("goroutine", "count");
  const Frame chain[] = {{"ccsp::chan<int>::recv()", "", "chan.h", 80, 75},
                         {"consumer()", "", "pipe.cc", 12, 10}};
  const LocationId inlined = p.InternLocation(chain);
  EXPECT_EQ(p.InternLocation(chain), inlined);  // interned
  const LocationId root = p.InternLocation(Frame{"task_start", "", "rt.cc", 5, 1});
  const LocationId stack[] = {inlined, root};
  const Label blocked[] = {Label::Str("state", "chan receive"), Label::Num("object", 7)};
  const Label running[] = {Label::Str("state", "running")};
  ASSERT_TRUE(p.AddSample(stack, std::vector<int64_t>{3}, blocked));
  ASSERT_TRUE(p.AddSample(stack, std::vector<int64_t>{1}, running));
  ASSERT_TRUE(p.AddSample(stack, std::vector<int64_t>{2}, blocked));  // merges
  EXPECT_EQ(p.sample_count(), 2u);
  const std::string file = dir_ + "/task.pb.gz";
  ASSERT_TRUE(p.WriteFile(file));

  const testing::RawProfile raw = ParseRaw(Pprof("-raw", file));
  ASSERT_EQ(raw.samples.size(), 2u);
  EXPECT_EQ(raw.samples[0].values, std::vector<long long>{5});
  EXPECT_EQ(raw.samples[0].labels.at("state"), "[chan receive]");
  EXPECT_EQ(raw.samples[0].labels.at("object"), "[7]");
  EXPECT_EQ(raw.samples[1].labels.at("state"), "[running]");
  EXPECT_EQ(raw.samples[0].functions,
            (std::vector<std::string>{"ccsp::chan<int>::recv()", "consumer()", "task_start"}));
  ASSERT_EQ(raw.locations.at(1).size(), 2u);  // one location, two lines
  EXPECT_EQ(raw.locations.at(1).at(1), "consumer() pipe.cc:12 s=10()");

  auto rows = ParseTop(Pprof("-top", file), nullptr);
  EXPECT_EQ(rows["ccsp::chan<int>::recv() (inline)"].flat, "6");
  EXPECT_EQ(rows["consumer()"].cum, "6");
  const std::string tags = Pprof("-tags", file);
  EXPECT_NE(tags.find("chan receive"), std::string::npos) << tags;
}

// Many samples and long strings: multi-byte length prefixes in nested messages.
TEST_F(PprofProfileTest, LargeProfileReadsBack) {
  REQUIRE_GO();
  PprofProfile p;
  p.AddSampleType("samples", "count");
  p.AddSampleType("cpu", "nanoseconds");
  p.SetPeriod("cpu", "nanoseconds", 10'000'000);
  const std::string long_name = "ns::" + std::string(300, 'x') + "::f()";
  std::vector<std::string> names;
  for (int i = 0; i < 500; ++i) names.push_back("fn" + std::to_string(i) + "()");
  for (int i = 0; i < 500; ++i) {
    std::vector<Frame> stack;
    stack.push_back({names[static_cast<size_t>(i)], "", "big.cc", i + 1, 0});
    for (int d = 0; d < 40; ++d) stack.push_back({long_name, "", "deep.cc", d + 1, 0});
    ASSERT_TRUE(p.AddStackSample(stack, std::vector<int64_t>{1, 10'000'000 + i}));
  }
  const std::string file = dir_ + "/cpu.pb.gz";
  ASSERT_TRUE(p.WriteFile(file));
  const testing::RawProfile raw = ParseRaw(Pprof("-raw", file));
  ASSERT_EQ(raw.samples.size(), 500u);
  EXPECT_EQ(raw.samples[499].values, (std::vector<long long>{1, 10'000'499}));
  EXPECT_EQ(raw.samples[499].functions.size(), 41u);
  EXPECT_EQ(raw.samples[499].functions.front(), "fn499()");
  EXPECT_EQ(raw.samples[499].functions.back(), long_name);
}

// The gzip stream inflates to exactly EncodeProto()'s bytes.
TEST(PprofProfile, GzipIsTheEncodedProto) {
  const PprofProfile p = MutexProfile();
  std::string gz;
  ASSERT_TRUE(p.WriteGzip(&gz));
  ASSERT_GE(gz.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  const std::string proto = p.EncodeProto();
  std::string inflated(proto.size() + 64, '\0');
  z_stream zs{};
  ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(gz.data());
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(inflated.data());
  zs.avail_out = static_cast<uInt>(inflated.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  inflated.resize(zs.total_out);
  inflateEnd(&zs);
  EXPECT_EQ(inflated, proto);
  // The string table opens with "" (field 6, length 0) somewhere after the samples.
  EXPECT_NE(proto.find(std::string("\x32\x00", 2)), std::string::npos);
}

TEST(PprofProfile, UnwritablePathIsAnError) {
  const WriteStatus status = MutexProfile().WriteFile("/nonexistent-dir/ccsp/mutex.pb.gz");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message.find("cannot write /nonexistent-dir/ccsp/mutex.pb.gz"),
            std::string::npos)
      << status.message;
  EXPECT_NE(status.message.find("No such file or directory"), std::string::npos)
      << status.message;
}

TEST(PprofProfile, WrongValueCountIsRefused) {
  PprofProfile p;
  p.AddSampleType("contentions", "count");
  p.AddSampleType("delay", "nanoseconds");
  const Frame f{"f()", "", "f.cc", 1, 1};
  EXPECT_FALSE(p.AddStackSample({&f, 1}, std::vector<int64_t>{1}));
  EXPECT_EQ(p.sample_count(), 0u);
  const WriteStatus status = p.Validate();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message.find("1 values but the profile has 2 sample types"),
            std::string::npos)
      << status.message;
  std::string gz;
  EXPECT_FALSE(p.WriteGzip(&gz));
  EXPECT_TRUE(p.EncodeProto().empty());
}

TEST(PprofProfile, UnknownLocationAndDefaultTypeAreRefused) {
  PprofProfile p;
  p.AddSampleType("samples", "count");
  const LocationId bogus[] = {LocationId{7}};
  EXPECT_FALSE(p.AddSample(bogus, std::vector<int64_t>{1}));
  EXPECT_NE(p.Validate().message.find("unknown location id 7"), std::string::npos);

  PprofProfile q;
  q.AddSampleType("alloc_space", "bytes");
  q.SetDefaultSampleType("inuse_space");
  EXPECT_NE(q.Validate().message.find("\"inuse_space\" is not one of the sample types"),
            std::string::npos)
      << q.Validate().message;
}

}  // namespace
}  // namespace ccsp::profiles
