// Reader tests: header validation, chunk linking, and damage (truncation, corrupt chunks,
// corrupt records, foreign files) -- errors for a bad header, warnings naming offsets after.
#include "analyzer/reading/trace_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/reading/metadata.h"
#include "test_util.h"

namespace ccsp::testing {
namespace {

using analyzer::AnalyzeFile;
using analyzer::Diagnostics;
using analyzer::TraceFile;
using trace::SyncKind;

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  for (const std::string& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

class TraceFileTest : public TraceTest {
 protected:
  // A two-task trace with `n` accesses per task (n large -> several chunks per stream).
  void Fill(int n) {
    uint32_t site = b().Site("work", "w.cc", 3, 1);
    b().T(1).Sync(SyncKind::kTaskStart);
    b().Spawn(1, 2);
    for (int i = 0; i < n; ++i) {
      b().T(1).Write(0x1000 + 8 * (i % 64), 8, site);
      b().T(2).Write(0x9000 + 8 * (i % 64), 8, site);
    }
    b().Join(1, 2);
    b().SetComplete(0);
  }
};

TEST_F(TraceFileTest, OpensValidTraceAndLinksStreams) {
  Fill(30000);  // ~7 bytes per access: several chunks per stream, interleaved
  b().Finish();
  Diagnostics diag;
  auto f = TraceFile::Open(path_, diag);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_TRUE((*f)->complete());
  ASSERT_EQ((*f)->tasks().size(), 2u);
  EXPECT_EQ((*f)->tasks()[0].id, 1u);
  EXPECT_GE((*f)->tasks()[0].chunks.size(), 2u);
  EXPECT_EQ(diag.count(), 0u) << Joined(diag.All());
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok());
  // 2 x 30000 accesses + start, create, start, end, join
  EXPECT_EQ(r->trace.events, 60005u);
  EXPECT_EQ(r->Reported(), 0u);
}

TEST_F(TraceFileTest, MetadataIsDecoded) {
  uint32_t s = b().Site("main", "m.cc", 10, 2);
  b().Site("inl", "i.h", 4, 1, s);
  b().Global(0x500, 4, "counter", "m.cc", 3);
  b().TaskName(1, "main-task");
  b().Arg(0, "/bin/prog");
  b().Arg(1, "--flag");
  b().Option("trace_path", "/tmp/x");
  b().Panic(1, "boom");
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Finish();
  Diagnostics diag;
  auto f = TraceFile::Open(path_, diag);
  ASSERT_TRUE(f.ok());
  auto m = analyzer::Metadata::Load(**f, diag);
  ASSERT_NE(m.Site(1), nullptr);
  EXPECT_EQ(m.String(m.Site(1)->fn), "main");
  EXPECT_EQ(m.Site(2)->inlined_at, 1u);
  ASSERT_NE(m.GlobalAt(0x502), nullptr);
  EXPECT_EQ(m.String(m.GlobalAt(0x502)->name), "counter");
  EXPECT_EQ(m.GlobalAt(0x504), nullptr);
  EXPECT_EQ(m.TaskName(1), "main-task");
  EXPECT_EQ(m.args.size(), 2u);
  EXPECT_EQ(m.panics.size(), 1u);
  ASSERT_EQ(m.modules.size(), 1u);
  EXPECT_EQ(m.ModuleOfSite(2), &m.modules[0]);
}

TEST_F(TraceFileTest, MissingFileIsAnError) {
  auto r = AnalyzeFile("/nonexistent/trace.bin", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent/trace.bin: cannot open"), std::string::npos);
}

TEST_F(TraceFileTest, DirectoryIsAnError) {
  auto r = AnalyzeFile("/tmp", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("directory"), std::string::npos);
}

TEST_F(TraceFileTest, ForeignFileIsNotACcspTrace) {
  b().Finish();
  WriteFileBytes(path_, std::vector<uint8_t>(8192, 'x'));
  auto r = AnalyzeFile(path_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, path_ + ": not a ccsp trace (no CCSPTRC magic at offset 0)");
}

TEST_F(TraceFileTest, EmptyFileIsNotACcspTrace) {
  b().Finish();
  WriteFileBytes(path_, {});
  auto r = AnalyzeFile(path_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("empty"), std::string::npos);
}

TEST_F(TraceFileTest, VersionMismatchNamesBothVersions) {
  b().SetVersion(7);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Finish();
  auto r = AnalyzeFile(path_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("version 7"), std::string::npos) << r.error().message;
  std::string reads = "reads version " + std::to_string(trace::kFormatVersion);
  EXPECT_NE(r.error().message.find(reads), std::string::npos) << r.error().message;
}

TEST_F(TraceFileTest, PreviousFormatVersionIsRejected) {
  // Version 1 traces (per-record absolute sync objects, no runs) are not read as version 2.
  b().SetVersion(trace::kFormatVersion - 1);
  b().T(1).Sync(SyncKind::kTaskStart);
  b().Finish();
  auto r = AnalyzeFile(path_, {});
  ASSERT_FALSE(r.ok());
  std::string old = "trace format version " + std::to_string(trace::kFormatVersion - 1);
  EXPECT_NE(r.error().message.find(old + " is not supported"), std::string::npos)
      << r.error().message;
}

TEST_F(TraceFileTest, TruncatedHeaderIsAnError) {
  Fill(10);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  bytes.resize(100);
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("ends at offset 100"), std::string::npos) << r.error().message;
}

TEST_F(TraceFileTest, BadChunkSizeIsAnError) {
  Fill(10);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  bytes[offsetof(trace::FileHeader, chunk_size)] = 0x11;
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("chunk_size"), std::string::npos);
  EXPECT_NE(r.error().message.find("offset 16"), std::string::npos);
}

TEST_F(TraceFileTest, TruncatedFileIsAnalyzedWithWarningNamingOffset) {
  Fill(30000);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  size_t cut = trace::ChunkOffset(2) + 1000;
  bytes.resize(cut);
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(AnyContains(r->trace.warnings, "offset " + std::to_string(cut)))
      << Joined(r->trace.warnings);
  EXPECT_GT(r->trace.events, 1000u);
  EXPECT_LT(r->trace.events, 60005u);
}

TEST_F(TraceFileTest, CorruptChunkIsSkippedWithWarning) {
  Fill(30000);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  size_t off = trace::ChunkOffset(3);
  bytes[off] ^= 0xff;  // chunk magic
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(AnyContains(r->trace.warnings, "corrupt chunk at offset " + std::to_string(off)))
      << Joined(r->trace.warnings);
}

TEST_F(TraceFileTest, ChunkUsedBeyondPayloadIsSkipped) {
  Fill(100);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  size_t off = trace::ChunkOffset(0) + offsetof(trace::ChunkHeader, used);
  bytes[off + 3] = 0x7f;
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(AnyContains(r->trace.warnings, "exceeds the chunk payload")) << Joined(r->trace.warnings);
}

TEST_F(TraceFileTest, CorruptRecordEndsTheStreamWithWarning) {
  uint32_t site = b().Site("f", "f.cc", 1);
  b().T(1).Sync(SyncKind::kTaskStart);
  for (int i = 0; i < 10; ++i) b().T(1).Write(0x100, 4, site);
  b().SetComplete(0);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  // Task 1's stream is the second chunk (metadata came first). Damage its 5th record.
  size_t payload = trace::ChunkOffset(1) + sizeof(trace::ChunkHeader);
  size_t bad = payload + 18;  // TaskStart is 8 bytes, the first write 4, then 3 each
  bytes[bad] = 0xee;
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(AnyContains(r->trace.warnings, "corrupt record in the stream of task 1"))
      << Joined(r->trace.warnings);
  EXPECT_LT(r->trace.events, 11u);
}

TEST_F(TraceFileTest, MoreChunksAnnouncedThanPresentWarns) {
  Fill(100);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  trace::FileHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.chunks_allocated = 1000000;
  std::memcpy(bytes.data(), &h, sizeof h);
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(AnyContains(r->trace.warnings, "cut short")) << Joined(r->trace.warnings);
  EXPECT_EQ(r->trace.events, 205u);
}

// The runtime's copy-out of a full staging chunk (trace/format.h), killed half way: the copy
// of the stream's last chunk is written (window 1) and maybe linked (window 2) but the staging
// chunk has not moved to the next index. Same bytes twice: no warning, nothing lost.
// Window 3 is real damage for contrast: a second chunk with that index and no link to it.
TEST_F(TraceFileTest, StagingCopyCutShortIsNotDamage) {
  for (int window = 1; window <= 3; ++window) {
    SCOPED_TRACE("window " + std::to_string(window));
    builder_ = std::make_unique<TraceBuilder>(path_);
    uint32_t site = b().Site("work", "w.cc", 3, 1);
    b().T(1).Sync(SyncKind::kTaskStart);
    for (int i = 0; i < 30000; ++i) b().T(1).Write(0x1000 + 8 * (i % 64), 8, site);
    b().Finish();
    uint64_t want_bytes = 0;
    std::vector<uint64_t> offsets;
    {
      Diagnostics d;
      auto f = TraceFile::Open(path_, d);
      ASSERT_TRUE(f.ok());
      for (const auto& c : (*f)->tasks()[0].chunks) offsets.push_back(c.offset);
      want_bytes = (*f)->tasks()[0].bytes;
    }
    ASSERT_GE(offsets.size(), 2u);
    auto bytes = ReadFileBytes(path_);
    auto header_at = [&](uint64_t off) {
      trace::ChunkHeader h;
      std::memcpy(&h, bytes.data() + off, sizeof h);
      return h;
    };
    uint64_t staging = offsets.back(), prev = offsets[offsets.size() - 2];
    trace::ChunkHeader hs = header_at(staging);
    trace::FileHeader fh;
    std::memcpy(&fh, bytes.data(), sizeof fh);
    uint64_t copy = trace::ChunkOffset(fh.chunks_allocated++);
    std::memcpy(bytes.data(), &fh, sizeof fh);
    bytes.resize(copy + trace::kChunkSize, 0);
    std::memcpy(bytes.data() + copy, bytes.data() + staging, sizeof hs + hs.used);
    trace::ChunkHeader hc = hs;
    hc.next = window == 3 ? 0 : staging;
    std::memcpy(bytes.data() + copy, &hc, sizeof hc);
    if (window == 2) {
      trace::ChunkHeader hp = header_at(prev);
      hp.next = copy;
      std::memcpy(bytes.data() + prev, &hp, sizeof hp);
    }
    WriteFileBytes(path_, bytes);
    Diagnostics diag;
    auto f = TraceFile::Open(path_, diag);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ((*f)->tasks()[0].bytes, want_bytes);
    if (window == 3)
      EXPECT_TRUE(AnyContains(diag.All(), "two chunks with index")) << Joined(diag.All());
    else
      EXPECT_EQ(diag.count(), 0u) << Joined(diag.All());
  }
}

TEST_F(TraceFileTest, UnwrittenChunksAreIgnored) {
  Fill(100);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  trace::FileHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  uint64_t n = h.chunks_allocated;
  h.chunks_allocated = n + 2;
  std::memcpy(bytes.data(), &h, sizeof h);
  bytes.resize(trace::ChunkOffset(n + 2), 0);  // allocated, never written (zero)
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(AnyContains(r->trace.warnings, "never written")) << Joined(r->trace.warnings);
  EXPECT_EQ(r->trace.events, 205u);
}

TEST_F(TraceFileTest, IncompleteTraceWarns) {
  b().T(1).Sync(SyncKind::kTaskStart);
  auto r = Analyze();
  EXPECT_FALSE(r.trace.complete);
  EXPECT_TRUE(AnyContains(r.trace.warnings, "incomplete"));
}

TEST_F(TraceFileTest, CompleteTraceHasExitStatus) {
  b().T(1).Sync(SyncKind::kTaskStart);
  b().SetComplete(3);
  auto r = Analyze();
  EXPECT_TRUE(r.trace.complete);
  EXPECT_TRUE(r.trace.has_exit_status);
  EXPECT_EQ(r.trace.exit_status, 3);
  EXPECT_TRUE(r.trace.warnings.empty());
}

TEST_F(TraceFileTest, BrokenLinkFallsBackToChunkIndex) {
  Fill(30000);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  // Zero every `next` link: streams are still followed by chunk index.
  trace::FileHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  for (uint64_t i = 0; i < h.chunks_allocated; ++i) {
    trace::ChunkHeader c;
    std::memcpy(&c, bytes.data() + trace::ChunkOffset(i), sizeof c);
    c.next = 0;
    std::memcpy(bytes.data() + trace::ChunkOffset(i), &c, sizeof c);
  }
  WriteFileBytes(path_, bytes);
  auto r = AnalyzeFile(path_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->trace.events, 60005u);
}

TEST_F(TraceFileTest, MemoryBufferSourceMatchesFile) {
  Fill(1000);
  b().Finish();
  auto bytes = ReadFileBytes(path_);
  auto r = analyzer::AnalyzeBuffer(bytes.data(), bytes.size(), "buf", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->trace.events, 2005u);
  EXPECT_EQ(r->trace.path, "buf");
}

}  // namespace
}  // namespace ccsp::testing
