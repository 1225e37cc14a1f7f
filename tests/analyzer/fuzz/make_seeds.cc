// Writes the seed corpus for the analyzer fuzz target: small traces in the fuzzer's wrapped
// form (flags byte + stream payloads separated by 0xff 0x00), taken from TraceBuilder output
// so every record kind and the interesting HB scenarios are represented.
#include <sys/stat.h>

#include <cstdio>
#include <string>
#include <vector>

#include "trace_builder.h"

using namespace ccsp;
using namespace ccsp::testing;
using trace::SyncKind;

namespace {

// Extracts each stream's payload from a built trace and writes the fuzzer form.
void Emit(const std::string& trace_path, const std::string& out, uint8_t flags) {
  std::vector<uint8_t> bytes = ReadFileBytes(trace_path);
  trace::FileHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  std::vector<std::vector<uint8_t>> streams(5);
  for (uint64_t i = 0; i < h.chunks_allocated; ++i) {
    trace::ChunkHeader c;
    uint64_t off = trace::ChunkOffset(i);
    if (off + sizeof c > bytes.size()) break;
    std::memcpy(&c, bytes.data() + off, sizeof c);
    size_t slot = c.stream == trace::kMetaStream ? 0 : c.stream;
    if (slot >= streams.size()) continue;
    const uint8_t* p = bytes.data() + off + sizeof c;
    streams[slot].insert(streams[slot].end(), p, p + c.used);
  }
  unsigned tasks = 0;
  for (unsigned i = 1; i < streams.size(); ++i)
    if (!streams[i].empty()) tasks = i;
  std::vector<uint8_t> seed{static_cast<uint8_t>(flags | ((tasks ? tasks - 1 : 0) << 1))};
  for (unsigned i = 0; i <= tasks; ++i) {
    if (i) {
      seed.push_back(0xff);
      seed.push_back(0x00);
    }
    seed.insert(seed.end(), streams[i].begin(), streams[i].end());
  }
  WriteFileBytes(out, seed);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  mkdir(dir.c_str(), 0755);
  std::string tmp = dir + "/.tmp.bin";
  auto scenario = [&](const std::string& name, uint8_t flags, auto fill) {
    {
      TraceBuilder b(tmp);
      fill(b);
      b.SetComplete(0);
    }
    Emit(tmp, dir + "/seed-" + name, flags);
    std::remove(tmp.c_str());
  };
  scenario("race", 1, [](TraceBuilder& b) {
    uint32_t s = b.Site("f", "f.cc", 1, 2), g = b.Site("g", "g.cc", 3, 4, s);
    b.Global(0x1000, 8, "x", "f.cc", 1);
    b.T(1).Sync(SyncKind::kTaskStart).Enter(0, s);
    b.Spawn(1, 2, s);
    b.T(2).Enter(s, g).Write(0x1000, 8, g).Range(true, 0x1000, 40, s).Exit();
    b.T(1).Read(0x1004, 4, s).Exit();
    b.Join(1, 2, s);
  });
  scenario("sync", 0x08, [](TraceBuilder& b) {
    b.T(1).Sync(SyncKind::kTaskStart);
    b.Spawn(1, 2);
    b.Spawn(1, 3);
    b.T(1).Sync(SyncKind::kBarrierInit, 0x50, 2).Sync(SyncKind::kChanMake, 0x60, 1);
    b.T(2).Sync(SyncKind::kMutexLock, 0x40).Write(0x100, 4, 0).Sync(SyncKind::kMutexUnlock, 0x40);
    b.T(3).Sync(SyncKind::kRwRdLock, 0x48).Read(0x100, 4, 0).Sync(SyncKind::kRwUnlock, 0x48);
    b.T(2).Sync(SyncKind::kBarrierArrive, 0x50);
    b.T(3).Sync(SyncKind::kBarrierArrive, 0x50);
    b.T(2).Sync(SyncKind::kBarrierDepart, 0x50).Sync(SyncKind::kChanSend, 0x60, 0);
    b.T(3).Sync(SyncKind::kBarrierDepart, 0x50).Sync(SyncKind::kChanRecv, 0x60, 0);
    b.T(2).Sync(SyncKind::kChanSendDone, 0x60, 0).Sync(SyncKind::kChanClose, 0x60);
    b.T(3).Sync(SyncKind::kChanRecvClosed, 0x60).Sync(SyncKind::kWgAdd, 0x70, trace::ZigZag(-1));
    b.T(1).Sync(SyncKind::kWgWait, 0x70).Sync(SyncKind::kPoolPut, 0x80, 0x900);
    b.T(2).Sync(SyncKind::kPoolGet, 0x80, 0x900).Sync(SyncKind::kSemPost, 0x88);
    b.T(3).Sync(SyncKind::kSemWait, 0x88).Sync(SyncKind::kOnceDone, 0x90);
    b.T(1).Sync(SyncKind::kOnceReturn, 0x90).Sync(SyncKind::kCtxCancel, 0x98);
    b.T(2).Sync(SyncKind::kCtxObserve, 0x98).Sync(SyncKind::kCondSignal, 0xa0);
    b.T(3).Sync(SyncKind::kCondWake, 0xa0);
  });
  scenario("atomics-heap", 0x10, [](TraceBuilder& b) {
    b.T(1).Sync(SyncKind::kTaskStart).Sync(SyncKind::kAlloc, 0x7000, 64, 0);
    b.Spawn(1, 2);
    b.T(1).Write(0x7000, 8, 0).Atomic(trace::AtomicKind::kStore, trace::MemOrder::kRelease, 4, 0x7008, 0);
    b.T(2).Atomic(trace::AtomicKind::kLoad, trace::MemOrder::kAcquire, 4, 0x7008, 0).Read(0x7000, 8, 0);
    b.T(2).Fence(trace::MemOrder::kSeqCst).Atomic(trace::AtomicKind::kRmw, trace::MemOrder::kRelaxed, 8, 0x7010, 0);
    b.T(1).Sync(SyncKind::kFree, 0x7000).Sync(SyncKind::kAlloc, 0x7000, 16, 4);
  });
  scenario("misuse-asleep", 1, [](TraceBuilder& b) {
    b.Panic(1, "send on closed channel");
    b.TaskName(1, "main");
    b.Arg(0, "prog");
    b.Option("trace_path", "x");
    b.T(1).Sync(SyncKind::kTaskStart);
    b.Spawn(1, 2);
    b.T(1).Sync(SyncKind::kMisuse, 0x10, 6);
    b.T(2).Sync(SyncKind::kSelectCase, 0x20, 1).Sync(SyncKind::kBlockBegin, 0x20, 11);
    b.T(1).Sync(SyncKind::kBlockBegin, 0x30, 1).Sync(SyncKind::kAllAsleep, 0, 2);
  });
  std::printf("seeds written to %s\n", dir.c_str());
  return 0;
}
