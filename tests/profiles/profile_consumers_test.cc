// Profile consumers on traces written by the test TraceBuilder (timestamps are seq * 10 ns, so
// every figure is exact), read back with the real client (`go tool pprof -raw`): the mutex
// delay lands at the unlock and scales with the waiters, sleep is not blocking, a CPU sample's
// stack is the stream's plus its own frames; and the Sample records' codec.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "analyzer/profiles/profile_run.h"
#include "go_pprof.h"
#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::ProfileKind;
using trace::BlockOp;
using trace::SyncKind;

class ProfileConsumersTest : public TraceTest {
 protected:
  // Writes the profile of the finished trace; "" and the raw text, or the error.
  std::string Profile(ProfileKind kind, profiles::testing::RawProfile* raw) {
    b().Finish();
    const std::string out = path_ + ".pb.gz";
    auto r = analyzer::WriteProfiles(path_, {{kind, out}}, {});
    if (!r) return r.error().message;
    const std::string go = profiles::testing::FindGo();
    if (go.empty()) return "skip";
    auto res = profiles::testing::RunCommand("'" + go + "' tool pprof -raw '" + out + "'", "/tmp");
    EXPECT_EQ(res.exit_code, 0);
    EXPECT_EQ(res.err, "") << "pprof printed a warning";
    *raw = profiles::testing::ParseRaw(res.out);
    unlink(out.c_str());
    return "";
  }
  // value[column] summed by leaf function name.
  static std::map<std::string, long long> ByLeaf(const profiles::testing::RawProfile& raw, size_t column) {
    std::map<std::string, long long> m;
    for (const auto& s : raw.samples)
      if (!s.functions.empty() && column < s.values.size()) m[s.functions.front()] += s.values[column];
    return m;
  }
};

#define PROFILE_OR_SKIP(kind, raw)                                                      \
  do {                                                                                  \
    std::string err = Profile(kind, &raw);                                              \
    if (err == "skip") GTEST_SKIP() << "go not found: install Debian's golang-go";      \
    ASSERT_EQ(err, "");                                                                 \
  } while (0)

// Two tasks wait for a lock the holder releases: its unlock is charged both waits (20 + 10 ns);
// the first waiter's unlock is charged what the second then still waited (30 ns).
TEST_F(ProfileConsumersTest, MutexDelayIsAtTheUnlockAndScalesWithWaiters) {
  constexpr uint64_t kMu = 0x100;
  const uint32_t hold = b().Site("holder()", "m.cc", 10), pass = b().Site("waiter()", "m.cc", 20);
  const uint64_t lock_op = static_cast<uint64_t>(BlockOp::kMutexLock);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Spawn(1, 2);
  b().Spawn(1, 3);
  b().T(1).Sync(SyncKind::kMutexLock, kMu);                 // seq 6
  b().T(2).Sync(SyncKind::kBlockBegin, kMu, lock_op);       // 7: ts 70
  b().T(3).Sync(SyncKind::kBlockBegin, kMu, lock_op);       // 8: ts 80
  b().T(1).Sync(SyncKind::kMutexUnlock, kMu, 0, 0, hold);   // 9: ts 90
  b().T(2).Sync(SyncKind::kBlockEnd, kMu, lock_op);
  b().T(2).Sync(SyncKind::kMutexLock, kMu);
  b().T(2).Sync(SyncKind::kMutexUnlock, kMu, 0, 0, pass);   // 12: ts 120
  b().T(3).Sync(SyncKind::kBlockEnd, kMu, lock_op);
  b().T(3).Sync(SyncKind::kMutexLock, kMu);
  b().T(3).Sync(SyncKind::kMutexUnlock, kMu, 0, 0, pass);   // no waiter left: not in it
  profiles::testing::RawProfile raw;
  PROFILE_OR_SKIP(ProfileKind::kMutex, raw);
  EXPECT_EQ(raw.sample_types_line, "contentions/count delay/nanoseconds[dflt]");
  auto count = ByLeaf(raw, 0), delay = ByLeaf(raw, 1);
  EXPECT_EQ(delay["holder()"], 30);
  EXPECT_EQ(count["holder()"], 1);
  EXPECT_EQ(delay["waiter()"], 30);
  EXPECT_EQ(count["waiter()"], 1);
}

TEST_F(ProfileConsumersTest, BlockProfileCountsWaitsNotSleep) {
  const uint32_t recv = b().Site("receiver()", "b.cc", 5), nap = b().Site("napper()", "b.cc", 9);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().T(1).Sync(SyncKind::kBlockBegin, 0x200, static_cast<uint64_t>(BlockOp::kChanRecv), 0, recv);
  b().T(1).Sync(SyncKind::kRelease, 0x1);
  b().T(1).Sync(SyncKind::kBlockEnd, 0x200, static_cast<uint64_t>(BlockOp::kChanRecv));
  b().T(1).Sync(SyncKind::kBlockBegin, 0x300, static_cast<uint64_t>(BlockOp::kSleep), 1, nap);
  b().T(1).Sync(SyncKind::kBlockEnd, 0x300, static_cast<uint64_t>(BlockOp::kSleep));
  profiles::testing::RawProfile raw;
  PROFILE_OR_SKIP(ProfileKind::kBlock, raw);
  auto delay = ByLeaf(raw, 1);
  EXPECT_EQ(delay["receiver()"], 20);
  EXPECT_EQ(delay.count("napper()"), 0u);
}

// main -> work are in the stream; inner() was entered but not yet written: the sample carries
// it as a SampleFrame. A sample without frames is at the stream's own innermost frame.
TEST_F(ProfileConsumersTest, CpuSampleStackIsTheStreamsPlusItsOwnFrames) {
  b().Option("cpu_profile_hz", "100");
  const uint32_t fn_main = b().Site("main", "c.cc", 1), call_work = b().Site("main", "c.cc", 3);
  const uint32_t fn_work = b().Site("work()", "c.cc", 5), call_inner = b().Site("work()", "c.cc", 6);
  const uint32_t fn_inner = b().Site("inner()", "c.cc", 8);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().T(1).Enter(0, fn_main).Enter(call_work, fn_work);
  b().T(1).SampleFrame(call_inner, fn_inner).Sample(3, 30'000'000);
  b().T(1).Write(0x1000, 8, call_inner).Sample(1, 10'000'000);
  profiles::testing::RawProfile raw;
  PROFILE_OR_SKIP(ProfileKind::kCpu, raw);
  EXPECT_EQ(raw.sample_types_line, "samples/count cpu/nanoseconds[dflt]");
  auto samples = ByLeaf(raw, 0), cpu = ByLeaf(raw, 1);
  EXPECT_EQ(samples["inner()"], 3);
  EXPECT_EQ(cpu["inner()"], 30'000'000);
  EXPECT_EQ(samples["work()"], 1);
  for (const auto& s : raw.samples)
    if (s.functions.front() == "inner()") {
      ASSERT_EQ(s.functions.size(), 3u);
      EXPECT_EQ(s.functions[1], "work()");
      EXPECT_EQ(s.functions[2], "main");
    }
}

TEST_F(ProfileConsumersTest, CpuProfileOfATraceRecordedWithoutSamplingIsAnError) {
  b().Option("cpu_profile_hz", "0");
  b().T(1).Sync(SyncKind::kTaskStart);
  profiles::testing::RawProfile raw;
  std::string err = Profile(ProfileKind::kCpu, &raw);
  EXPECT_NE(err.find("recorded with cpu_profile_hz=0"), std::string::npos) << err;
}

TEST(SampleRecords, EncodeAndDecode) {
  uint8_t buf[64];
  uint8_t* p = trace::EncodeSampleFrame(buf, 7, 0xffffffffu);
  p = trace::EncodeSample(p, 2, 20'000'000, 123456789);
  const uint8_t* q = buf;
  trace::StreamState s;
  trace::Record r;
  ASSERT_EQ(trace::DecodeRecord(&q, p, s, &r), trace::DecodeStatus::kOk);
  EXPECT_EQ(r.op, trace::kOpSampleFrame);
  EXPECT_EQ(r.callsite, 7u);
  EXPECT_EQ(r.fn, 0xffffffffu);
  ASSERT_EQ(trace::DecodeRecord(&q, p, s, &r), trace::DecodeStatus::kOk);
  EXPECT_EQ(r.op, trace::kOpSample);
  EXPECT_EQ(r.count, 2u);
  EXPECT_EQ(r.arg1, 20'000'000u);
  EXPECT_EQ(r.ts, 123456789u);
  EXPECT_EQ(q, p);
  EXPECT_EQ(s.ts, 0u);  // no delta state moved
  const uint8_t zero[] = {trace::kOpSample, 0, 0, 0};  // a sample stands for >= 1 expiration
  q = zero;
  EXPECT_EQ(trace::DecodeRecord(&q, zero + sizeof zero, s, &r), trace::DecodeStatus::kBadField);
}

}  // namespace
}  // namespace ccsp::testing
