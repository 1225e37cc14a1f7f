// One test pair per happens-before rule (docs/DESIGN.md): with the edge the accesses are
// ordered (no race), without it they race. Tasks 2 and 3 are siblings created by task 1.
#include <gtest/gtest.h>

#include "test_util.h"

namespace ccsp::testing {
namespace {

using trace::SyncKind;
constexpr uint64_t X = 0x10000;  // the shared variable
constexpr uint64_t M = 0x20000;  // a sync object

class HbTest : public TraceTest {
 protected:
  void SetUp() override {
    TraceTest::SetUp();
    w2 = b().Site("writer2", "hb.cc", 20, 3);
    w3 = b().Site("writer3", "hb.cc", 30, 3);
    b().T(1).Sync(SyncKind::kTaskStart);
    b().Spawn(1, 2);
    b().Spawn(1, 3);
  }
  TraceBuilder::Task& t(uint32_t id) { return b().T(id); }
  uint32_t w2 = 0, w3 = 0;
};

TEST_F(HbTest, UnsynchronizedSiblingsRace) {
  t(2).Write(X, 4, w2);
  t(3).Write(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, TaskCreateOrdersParentBeforeChild) {
  t(1).Write(X, 4, w2);
  b().Spawn(1, 4);
  t(4).Write(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, ChildAndParentAfterCreateRace) {
  b().Spawn(1, 4);
  t(4).Write(X, 4, w3);
  t(1).Write(X, 4, w2);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, JoinOrdersChildBeforeJoiner) {
  t(2).Write(X, 4, w2);
  b().Join(1, 2);
  t(1).Write(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, DetachedTaskRacesWithParent) {
  t(1).Sync(SyncKind::kTaskDetach, 0, 2);
  t(2).Write(X, 4, w2).Sync(SyncKind::kTaskEnd);
  t(1).Write(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, MutexUnlockOrdersNextLock) {
  t(2).Sync(SyncKind::kMutexLock, M).Write(X, 4, w2).Sync(SyncKind::kMutexUnlock, M);
  t(3).Sync(SyncKind::kMutexLock, M).Write(X, 4, w3).Sync(SyncKind::kMutexUnlock, M);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, DifferentMutexesDoNotOrder) {
  t(2).Sync(SyncKind::kMutexLock, M).Write(X, 4, w2).Sync(SyncKind::kMutexUnlock, M);
  t(3).Sync(SyncKind::kMutexLock, M + 8).Write(X, 4, w3).Sync(SyncKind::kMutexUnlock, M + 8);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, FailedTrylockDoesNotOrder) {
  t(2).Sync(SyncKind::kMutexLock, M).Write(X, 4, w2).Sync(SyncKind::kMutexUnlock, M);
  t(3).Sync(SyncKind::kMutexTryFail, M).Write(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, AccessAfterUnlockIsNotProtected) {
  t(2).Sync(SyncKind::kMutexLock, M).Sync(SyncKind::kMutexUnlock, M).Write(X, 4, w2);
  t(3).Sync(SyncKind::kMutexLock, M).Write(X, 4, w3).Sync(SyncKind::kMutexUnlock, M);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, RwWriteUnlockOrdersReaders) {
  t(2).Sync(SyncKind::kRwWrLock, M).Write(X, 4, w2).Sync(SyncKind::kRwUnlock, M);
  t(3).Sync(SyncKind::kRwRdLock, M).Read(X, 4, w3).Sync(SyncKind::kRwUnlock, M);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, RwReadUnlockOrdersNextWriter) {
  t(2).Sync(SyncKind::kRwRdLock, M).Read(X, 4, w2).Sync(SyncKind::kRwUnlock, M);
  t(3).Sync(SyncKind::kRwWrLock, M).Write(X, 4, w3).Sync(SyncKind::kRwUnlock, M);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, RwReadUnlockDoesNotOrderNextReader) {
  // Writing under a read lock: the read-unlock does not order the next reader.
  t(2).Sync(SyncKind::kRwRdLock, M).Write(X, 4, w2).Sync(SyncKind::kRwUnlock, M);
  t(3).Sync(SyncKind::kRwRdLock, M).Read(X, 4, w3).Sync(SyncKind::kRwUnlock, M);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, CondSignalOrdersWake) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kCondSignal, M);
  t(3).Sync(SyncKind::kCondWake, M).Read(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, TimedOutCondWaitIsNotOrdered) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kCondBroadcast, M);
  t(3).Sync(SyncKind::kCondWake, M, 0, 1).Read(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, BarrierOrdersAllArrivalsBeforeAllDepartures) {
  t(1).Sync(SyncKind::kBarrierInit, M, 2);
  t(2).Write(X, 4, w2).Sync(SyncKind::kBarrierArrive, M);
  t(3).Write(X + 8, 4, w3).Sync(SyncKind::kBarrierArrive, M);
  t(2).Sync(SyncKind::kBarrierDepart, M).Read(X + 8, 4, w2);
  t(3).Sync(SyncKind::kBarrierDepart, M).Read(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, BarrierGenerationsAreSeparate) {
  t(1).Sync(SyncKind::kBarrierInit, M, 2);
  // Generation 0.
  t(2).Sync(SyncKind::kBarrierArrive, M);
  t(3).Sync(SyncKind::kBarrierArrive, M);
  t(2).Sync(SyncKind::kBarrierDepart, M);
  t(3).Sync(SyncKind::kBarrierDepart, M);
  // Generation 1: task 2 writes after its arrival; task 3 reads after departing.
  t(2).Sync(SyncKind::kBarrierArrive, M);
  t(3).Sync(SyncKind::kBarrierArrive, M);
  t(2).Write(X, 4, w2);
  t(3).Sync(SyncKind::kBarrierDepart, M).Read(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, SemPostOrdersWait) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kSemPost, M);
  t(3).Sync(SyncKind::kSemWait, M).Write(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, SemTryFailDoesNotOrder) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kSemPost, M);
  t(3).Sync(SyncKind::kSemTryFail, M).Write(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, OnceDoneOrdersEveryReturn) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kOnceDone, M);
  t(3).Sync(SyncKind::kOnceReturn, M).Read(X, 4, w3);
  t(1).Sync(SyncKind::kOnceReturn, M).Read(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, UnbufferedChannelSendOrdersReceive) {
  t(1).Sync(SyncKind::kChanMake, M, 0);
  t(2).Write(X, 4, w2).Sync(SyncKind::kChanSend, M, 0);
  t(3).Sync(SyncKind::kChanRecv, M, 0).Write(X, 4, w3);
  t(2).Sync(SyncKind::kChanSendDone, M, 0);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, UnbufferedReceiveOrdersSendCompletion) {
  t(1).Sync(SyncKind::kChanMake, M, 0);
  t(2).Sync(SyncKind::kChanSend, M, 0);
  t(3).Write(X, 4, w3).Sync(SyncKind::kChanRecv, M, 0);
  t(2).Sync(SyncKind::kChanSendDone, M, 0).Write(X, 4, w2);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, BufferedReceiveKOrdersSendKPlusCap) {
  t(1).Sync(SyncKind::kChanMake, M, 1);
  t(2).Sync(SyncKind::kChanSend, M, 0).Sync(SyncKind::kChanSendDone, M, 0);
  t(3).Write(X, 4, w3).Sync(SyncKind::kChanRecv, M, 0);
  t(2).Sync(SyncKind::kChanSend, M, 1).Sync(SyncKind::kChanSendDone, M, 1).Write(X, 4, w2);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, BufferedSendDoesNotWaitForItsReceive) {
  t(1).Sync(SyncKind::kChanMake, M, 2);
  t(2).Sync(SyncKind::kChanSend, M, 0).Sync(SyncKind::kChanSendDone, M, 0);
  t(3).Write(X, 4, w3).Sync(SyncKind::kChanRecv, M, 0);
  t(2).Sync(SyncKind::kChanSend, M, 1).Sync(SyncKind::kChanSendDone, M, 1).Write(X, 4, w2);
  EXPECT_EQ(Races(), 1u);  // capacity 2: send 1 completes without receive 0
}

TEST_F(HbTest, ReceiveOfAnotherValueIsNotOrdered) {
  t(1).Sync(SyncKind::kChanMake, M, 4);
  t(2).Sync(SyncKind::kChanSend, M, 0);
  t(2).Write(X, 4, w2).Sync(SyncKind::kChanSend, M, 1);
  t(3).Sync(SyncKind::kChanRecv, M, 0).Write(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, CloseOrdersClosedReceive) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kChanClose, M);
  t(3).Sync(SyncKind::kChanRecvClosed, M).Write(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, WaitGroupDoneOrdersWait) {
  t(1).Sync(SyncKind::kWgAdd, M, trace::ZigZag(2));
  t(2).Write(X, 4, w2).Sync(SyncKind::kWgAdd, M, trace::ZigZag(-1));
  t(3).Write(X + 8, 4, w3).Sync(SyncKind::kWgAdd, M, trace::ZigZag(-1));
  t(1).Sync(SyncKind::kWgWait, M).Read(X, 4, w3).Read(X + 8, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, WaitGroupAddDoesNotRelease) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kWgAdd, M, trace::ZigZag(1));
  t(3).Sync(SyncKind::kWgWait, M).Read(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, PoolPutOrdersGetOfThatItem) {
  const uint64_t item = 0x30000;
  t(2).Write(item, 8, w2).Sync(SyncKind::kPoolPut, M, item);
  t(3).Sync(SyncKind::kPoolGet, M, item, 0).Write(item, 8, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, PoolGetOfAnotherItemIsNotOrdered) {
  const uint64_t item = 0x30000;
  t(2).Write(X, 8, w2).Sync(SyncKind::kPoolPut, M, item);
  t(3).Sync(SyncKind::kPoolGet, M, item + 64, 1).Write(X, 8, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, ContextCancelOrdersObserve) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kCtxCancel, M, 1);
  t(3).Sync(SyncKind::kCtxObserve, M).Read(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, AnnotationsOrder) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kRelease, M);
  t(3).Sync(SyncKind::kAcquire, M).Write(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

TEST_F(HbTest, AcquireWithoutReleaseDoesNotOrder) {
  t(2).Write(X, 4, w2);
  t(3).Sync(SyncKind::kAcquire, M).Write(X, 4, w3);
  EXPECT_EQ(Races(), 1u);
}

TEST_F(HbTest, TransitiveOrderThroughAThirdTask) {
  t(2).Write(X, 4, w2).Sync(SyncKind::kMutexUnlock, M);
  t(1).Sync(SyncKind::kMutexLock, M).Sync(SyncKind::kSemPost, M + 8);
  t(3).Sync(SyncKind::kSemWait, M + 8).Write(X, 4, w3);
  EXPECT_EQ(Races(), 0u);
}

}  // namespace
}  // namespace ccsp::testing
