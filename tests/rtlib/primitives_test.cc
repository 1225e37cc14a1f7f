// Runtime tests, primitives: each intercepted primitive and ABI entry point leaves its events
// in the trace, in order, with the right objects, flags, sequence numbers and sites.
#include <dirent.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scenario_runner.h"

using namespace ccsp::trace;
using namespace ccsp::rttest;

namespace {

TEST(Runtime, HeaderArgsAndOptions) {
  Scenario s = RunScenario("abi_basic", "watchdog=0");
  ASSERT_TRUE(s.run.exited) << s.run.err;
  EXPECT_EQ(s.run.status, 0) << s.run.err;
  ASSERT_EQ(s.trace.error, "");
  EXPECT_TRUE(s.trace.complete());
  EXPECT_EQ(s.trace.header.exit_status, 0);
  EXPECT_EQ(std::string(s.trace.header.clock_source), "monotonic");
  EXPECT_NE(std::string(s.trace.header.program).find("scenarios"), std::string::npos);
  EXPECT_GT(s.trace.header.pid, 0u);
  EXPECT_EQ(s.trace.header.argc, 2u);
  ASSERT_EQ(s.trace.Args().size(), 2u);
  EXPECT_EQ(s.trace.Args()[1], "abi_basic");
  EXPECT_EQ(s.trace.Option("watchdog"), "0");
  EXPECT_EQ(s.trace.Option("filter"), "1");
  // The module and its sites are in the metadata.
  bool module = false, global = false;
  for (const MetaRecord& m : s.trace.meta) {
    if (m.op == kMetaModule && s.trace.Str(m.f[1]) == "scenarios.o") module = m.f[3] == 7;
    if (m.op == kMetaGlobal && s.trace.Str(m.f[2]) == "g_global") global = true;
  }
  EXPECT_TRUE(module);
  EXPECT_TRUE(global);
}

TEST(Runtime, LazyFramesAndFilter) {
  Scenario s = RunScenario("abi_basic");
  ASSERT_EQ(s.trace.error, "");
  const auto& recs = s.trace.tasks.at(1);
  // Expected stream after TaskStart: Enter(main), Enter(worker), W4, R8, Sync(kRelease), R4,
  // Range, Exit, Exit, ProcessExit. leaf() left nothing.
  std::vector<uint8_t> ops;
  std::vector<Record> rs;
  for (const Record& r : recs) {
    if (r.op == kOpSync && (r.sync_kind == SyncKind::kAlloc || r.sync_kind == SyncKind::kFree)) continue;
    ops.push_back(r.op);
    rs.push_back(r);
  }
  std::vector<uint8_t> want = {kOpSync,         kOpFuncEnter,       kOpFuncEnter,      AccessOp(true, 2),
                               AccessOp(false, 3), kOpSync,         AccessOp(false, 2), kOpRange + 1,
                               kOpFuncExit,     kOpFuncExit,        kOpSync};
  ASSERT_EQ(ops, want);
  EXPECT_EQ(rs[0].sync_kind, SyncKind::kTaskStart);
  EXPECT_EQ(rs[1].callsite, 0u);                // main's caller is not instrumented
  EXPECT_EQ(rs[2].callsite, rs[1].fn + 2);      // fn(main) = base + 0, call site = base + 2
  EXPECT_EQ(rs[2].fn, rs[1].fn + 1);
  EXPECT_EQ(rs[3].addr + 8, rs[4].addr);
  EXPECT_EQ(rs[7].size, 40u);
  EXPECT_EQ(rs.back().sync_kind, SyncKind::kProcessExit);
}

TEST(Runtime, FilterOffRecordsEveryAccess) {
  Scenario s = RunScenario("abi_basic", "filter=0");
  EXPECT_EQ(s.trace.Accesses(1).size(), 7u);  // 5 + 1 after the sync + 1 range
}

TEST(Runtime, IgnoreRegions) {
  Scenario s = RunScenario("ignore");
  ASSERT_EQ(s.trace.error, "");
  EXPECT_EQ(s.trace.Accesses(1).size(), 1u);
  EXPECT_TRUE(s.trace.Syncs(1, SyncKind::kMutexLock).empty());
  auto acq = s.trace.Syncs(1, SyncKind::kAcquire);
  ASSERT_EQ(acq.size(), 1u);
  EXPECT_EQ(acq[0].arg1, 1u);
  EXPECT_EQ(acq[0].arg2, 2u);
}

TEST(Runtime, MutexEventsInOrder) {
  Scenario s = RunScenario("mutex");
  ASSERT_EQ(s.run.status, 0);
  auto kinds = SyncKinds(s.trace, 1);
  EXPECT_TRUE(InOrder(kinds, {SyncKind::kTaskStart, SyncKind::kMutexInit, SyncKind::kMutexLock,
                              SyncKind::kMutexUnlock, SyncKind::kMutexLock, SyncKind::kMutexUnlock,
                              SyncKind::kMutexDestroy, SyncKind::kMutexInit, SyncKind::kMutexLock,
                              SyncKind::kMutexLock, SyncKind::kMutexUnlock, SyncKind::kMutexUnlock,
                              SyncKind::kProcessExit}));
  auto locks = s.trace.Syncs(1, SyncKind::kMutexLock);
  ASSERT_EQ(locks.size(), 4u);
  EXPECT_EQ(locks[0].arg1, 0u);
  EXPECT_EQ(locks[1].arg1, uint64_t{kMutexTry});
  EXPECT_EQ(locks[2].arg1, uint64_t{kMutexRecursive});
  EXPECT_TRUE(s.trace.Syncs(1, SyncKind::kBlockBegin).empty());  // uncontended: no blocking
  ExpectSeqIncreasing(s.trace);
}

TEST(Runtime, MutexMisuseIsRecorded) {
  Scenario s = RunScenario("mutex_misuse");
  ASSERT_EQ(s.run.status, 0) << s.run.err;
  std::vector<uint64_t> kinds;
  for (const Record& r : s.trace.Syncs(1, SyncKind::kMisuse)) kinds.push_back(r.arg1);
  std::vector<uint64_t> want = {static_cast<uint64_t>(MisuseKind::kDoubleLock),
                                static_cast<uint64_t>(MisuseKind::kUnlockUnlocked),
                                static_cast<uint64_t>(MisuseKind::kDestroyLocked)};
  EXPECT_EQ(kinds, want);
  // The refused unlock and destroy release nothing: one unlock, no destroy record.
  EXPECT_EQ(s.trace.Syncs(1, SyncKind::kMutexUnlock).size(), 1u);
  EXPECT_TRUE(s.trace.Syncs(1, SyncKind::kMutexDestroy).empty());
}

TEST(Runtime, ThreadLifecycle) {
  Scenario s = RunScenario("threads");
  ASSERT_EQ(s.run.status, 0) << s.run.err;
  ASSERT_EQ(s.trace.error, "");
  ASSERT_EQ(s.trace.tasks.size(), 3u);
  auto creates = s.trace.Syncs(1, SyncKind::kTaskCreate);
  ASSERT_EQ(creates.size(), 2u);
  for (const Record& c : creates) {
    uint32_t child = static_cast<uint32_t>(c.arg1);
    ASSERT_TRUE(s.trace.tasks.count(child));
    const auto& recs = s.trace.tasks.at(child);
    ASSERT_FALSE(recs.empty());
    EXPECT_EQ(recs[0].sync_kind, SyncKind::kTaskStart);
    EXPECT_EQ(recs[0].arg1, 1u);
    EXPECT_GT(recs[0].seq, c.seq);  // create happens before start
    // Fresh stack right after start.
    ASSERT_GE(recs.size(), 2u);
    EXPECT_EQ(recs[1].sync_kind, SyncKind::kAlloc);
    EXPECT_EQ(recs[1].arg2, static_cast<uint64_t>(AllocKind::kMmap));
    EXPECT_GT(recs[1].arg1, 64u * 1024);
    EXPECT_TRUE(InOrder(SyncKinds(s.trace, child), {SyncKind::kTaskStart, SyncKind::kMutexLock,
                                                    SyncKind::kMutexUnlock, SyncKind::kTaskEnd}));
    EXPECT_EQ(SyncKinds(s.trace, child).back(), SyncKind::kTaskEnd);
  }
  auto joins = s.trace.Syncs(1, SyncKind::kTaskJoin);
  ASSERT_EQ(joins.size(), 1u);
  EXPECT_EQ(joins[0].arg1, creates[0].arg1);
  EXPECT_GT(joins[0].seq, s.trace.Syncs(static_cast<uint32_t>(creates[0].arg1), SyncKind::kTaskEnd)[0].seq);
  auto detach = s.trace.Syncs(1, SyncKind::kTaskDetach);
  ASSERT_EQ(detach.size(), 1u);
  EXPECT_EQ(detach[0].addr, creates[1].addr);
  bool named = false;
  for (const MetaRecord& m : s.trace.meta)
    if (m.op == kMetaTaskName && m.f[0] == creates[0].arg1) named = s.trace.Str(m.f[1]) == "worker-a";
  EXPECT_TRUE(named);
  ExpectSeqIncreasing(s.trace);
}

TEST(Runtime, PthreadExitEndsTask) {
  Scenario s = RunScenario("thread_exit");
  ASSERT_EQ(s.trace.tasks.size(), 2u);
  EXPECT_EQ(SyncKinds(s.trace, 2).back(), SyncKind::kTaskEnd);
  EXPECT_EQ(s.trace.Syncs(1, SyncKind::kTaskJoin).size(), 1u);
}

TEST(Runtime, ContendedLockRecordsBlocking) {
  Scenario s = RunScenario("contention");
  auto kinds = SyncKinds(s.trace, 2);
  EXPECT_TRUE(InOrder(kinds, {SyncKind::kTaskStart, SyncKind::kBlockBegin, SyncKind::kBlockEnd,
                              SyncKind::kMutexLock, SyncKind::kMutexUnlock, SyncKind::kTaskEnd}));
  auto bb = s.trace.Syncs(2, SyncKind::kBlockBegin);
  ASSERT_FALSE(bb.empty());
  EXPECT_EQ(bb[0].arg1, static_cast<uint64_t>(BlockOp::kMutexLock));
  EXPECT_EQ(bb[0].arg2, 0u);
  auto unlock = s.trace.Syncs(1, SyncKind::kMutexUnlock);
  auto lock = s.trace.Syncs(2, SyncKind::kMutexLock);
  ASSERT_FALSE(unlock.empty());
  ASSERT_FALSE(lock.empty());
  EXPECT_LT(unlock[0].seq, lock[0].seq);
  // The main task blocked in join: BlockBegin(kJoin) ... TaskJoin.
  EXPECT_TRUE(InOrder(SyncKinds(s.trace, 1), {SyncKind::kBlockBegin, SyncKind::kBlockEnd, SyncKind::kTaskJoin}));
  // Timestamps are monotonic within a stream and the block lasted a while.
  auto be = s.trace.Syncs(2, SyncKind::kBlockEnd);
  ASSERT_FALSE(be.empty());
  EXPECT_GE(be[0].ts, bb[0].ts);
}

TEST(Runtime, RwlockAndSpin) {
  Scenario s = RunScenario("rw_spin");
  EXPECT_TRUE(InOrder(SyncKinds(s.trace, 1),
                      {SyncKind::kRwInit, SyncKind::kRwRdLock, SyncKind::kRwUnlock, SyncKind::kRwWrLock,
                       SyncKind::kRwTryFail, SyncKind::kRwUnlock, SyncKind::kRwDestroy, SyncKind::kMutexInit,
                       SyncKind::kMutexLock, SyncKind::kMutexUnlock, SyncKind::kMutexDestroy}));
  auto spin = s.trace.Syncs(1, SyncKind::kMutexLock);
  ASSERT_EQ(spin.size(), 1u);
  EXPECT_EQ(spin[0].arg1, uint64_t{kMutexSpin});
}

TEST(Runtime, CondWaitAndSignal) {
  Scenario s = RunScenario("cond");
  ASSERT_EQ(s.run.status, 0);
  EXPECT_TRUE(InOrder(SyncKinds(s.trace, 1),
                      {SyncKind::kMutexLock, SyncKind::kMutexUnlock, SyncKind::kBlockBegin, SyncKind::kBlockEnd,
                       SyncKind::kMutexLock, SyncKind::kCondWake, SyncKind::kMutexUnlock}));
  auto signal = s.trace.Syncs(2, SyncKind::kCondSignal);
  auto wake = s.trace.Syncs(1, SyncKind::kCondWake);
  ASSERT_EQ(signal.size(), 1u);
  ASSERT_GE(wake.size(), 1u);
  EXPECT_LT(signal[0].seq, wake.back().seq);
  EXPECT_EQ(wake.back().addr, signal[0].addr);
  EXPECT_EQ(wake.back().arg2, 0u);
}

TEST(Runtime, Barrier) {
  Scenario s = RunScenario("barrier");
  for (uint32_t task : {1u, 2u}) {
    EXPECT_TRUE(InOrder(SyncKinds(s.trace, task), {SyncKind::kBarrierArrive, SyncKind::kBlockBegin,
                                                   SyncKind::kBlockEnd, SyncKind::kBarrierDepart}));
  }
  auto a1 = s.trace.Syncs(1, SyncKind::kBarrierArrive), a2 = s.trace.Syncs(2, SyncKind::kBarrierArrive);
  auto d1 = s.trace.Syncs(1, SyncKind::kBarrierDepart), d2 = s.trace.Syncs(2, SyncKind::kBarrierDepart);
  EXPECT_LT(std::max(a1[0].seq, a2[0].seq), std::min(d1[0].seq, d2[0].seq));
  EXPECT_EQ(d1[0].arg1 + d2[0].arg1, 1u);  // exactly one serial thread
}

TEST(Runtime, OnceAndLocalStatics) {
  Scenario s = RunScenario("once");
  ASSERT_EQ(s.run.status, 0) << s.run.err;
  auto kinds = SyncKinds(s.trace, 1);
  EXPECT_TRUE(InOrder(kinds, {SyncKind::kBlockBegin, SyncKind::kBlockEnd, SyncKind::kOnceDone, SyncKind::kOnceReturn,
                              SyncKind::kOnceReturn}));
  // pthread_once twice + the local static's guard once (its second use does not call in).
  EXPECT_EQ(s.trace.Syncs(1, SyncKind::kOnceDone).size(), 2u);
  // The guard's release store is an atomic store-release on the guard.
  int guard_stores = 0;
  for (const Record& r : s.trace.tasks.at(1))
    if (r.op == kOpAtomic && r.atomic_kind == AtomicKind::kStore && r.order == MemOrder::kRelease) ++guard_stores;
  EXPECT_EQ(guard_stores, 1);
}

TEST(Runtime, Semaphores) {
  Scenario s = RunScenario("sem");
  ASSERT_EQ(s.run.status, 0) << "errno not preserved";
  EXPECT_TRUE(InOrder(SyncKinds(s.trace, 1), {SyncKind::kSemInit, SyncKind::kSemWait, SyncKind::kSemTryFail,
                                              SyncKind::kSemPost, SyncKind::kSemWait, SyncKind::kSemDestroy}));
}

TEST(Runtime, AllocationsAndFrees) {
  Scenario s = RunScenario("malloc");
  ASSERT_EQ(s.run.status, 0);
  std::vector<std::pair<SyncKind, uint64_t>> seen;  // (kind, AllocKind) of the scenario's own blocks
  const auto& recs = s.trace.tasks.at(1);
  auto first = std::find_if(recs.begin(), recs.end(),
                            [](const Record& r) { return r.op == kOpSync && r.sync_kind == SyncKind::kAlloc && r.arg1 == 24; });
  ASSERT_NE(first, recs.end());
  for (auto it = first; it != recs.end(); ++it)
    if (it->op == kOpSync && (it->sync_kind == SyncKind::kAlloc || it->sync_kind == SyncKind::kFree))
      seen.emplace_back(it->sync_kind, it->arg2);
  std::vector<std::pair<SyncKind, uint64_t>> want = {
      {SyncKind::kAlloc, 0}, {SyncKind::kAlloc, 0},  // malloc, calloc
      {SyncKind::kFree, 0},  {SyncKind::kAlloc, 0},  // realloc
      {SyncKind::kAlloc, 3}, {SyncKind::kFree, 0},   // posix_memalign, free
      {SyncKind::kFree, 0},  {SyncKind::kFree, 0},   // free a, b
      {SyncKind::kAlloc, 1}, {SyncKind::kFree, 1},   // new/delete
      {SyncKind::kAlloc, 2}, {SyncKind::kFree, 2},   // new[]/delete[]
  };
  ASSERT_GE(seen.size(), want.size());
  seen.resize(want.size());
  EXPECT_EQ(seen, want);
}

TEST(Runtime, AtomicsCarryOrderAndSeq) {
  Scenario s = RunScenario("atomics");
  ASSERT_EQ(s.run.status, 0);
  std::vector<Record> at;
  for (const Record& r : s.trace.tasks.at(1))
    if (r.op == kOpAtomic) at.push_back(r);
  ASSERT_EQ(at.size(), 5u);
  EXPECT_EQ(at[0].atomic_kind, AtomicKind::kStore);
  EXPECT_EQ(at[0].order, MemOrder::kRelease);
  EXPECT_EQ(at[1].atomic_kind, AtomicKind::kLoad);
  EXPECT_EQ(at[1].order, MemOrder::kAcquire);
  EXPECT_EQ(at[2].atomic_kind, AtomicKind::kRmw);
  EXPECT_EQ(at[2].order, MemOrder::kRelaxed);
  EXPECT_EQ(at[3].atomic_kind, AtomicKind::kCasFail);
  EXPECT_EQ(at[3].order, MemOrder::kAcquire);
  EXPECT_EQ(at[4].atomic_kind, AtomicKind::kFence);
  EXPECT_EQ(at[4].size, 0u);
  EXPECT_EQ(at[4].addr, 0u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(at[i].addr, at[0].addr);
    EXPECT_EQ(at[i].size, 4u);
  }
  ExpectSeqIncreasing(s.trace);
}

}  // namespace
