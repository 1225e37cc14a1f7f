// The runtime ABI's event vocabulary: the values instrumented code and the Go-style API pass
// to the runtime's entry points (abi.h), which the trace then records as they are. C++17,
// <cstdint> only. The trace format (rtlib/trace/format.h) and the analyzer use these names.
#pragma once

#include <cstdint>

namespace ccsp::abi {

// Memory orders, numbered as C11's memory_order_* (and as __ATOMIC_*).
enum class MemOrder : uint8_t { kRelaxed = 0, kConsume = 1, kAcquire = 2, kRelease = 3, kAcqRel = 4, kSeqCst = 5 };

enum class AtomicKind : uint8_t {
  kLoad = 0,
  kStore = 1,
  kRmw = 2,      // exchange, fetch_add, ...: reads and writes
  kCasOk = 3,    // compare-exchange that stored
  kCasFail = 4,  // compare-exchange that only loaded (order = failure order)
  kFence = 5,    // atomic_thread_fence
  kSignalFence = 6,
};

inline constexpr bool IsAcquire(MemOrder o) {
  return o == MemOrder::kConsume || o == MemOrder::kAcquire || o == MemOrder::kAcqRel || o == MemOrder::kSeqCst;
}
inline constexpr bool IsRelease(MemOrder o) {
  return o == MemOrder::kRelease || o == MemOrder::kAcqRel || o == MemOrder::kSeqCst;
}

// Synchronization and lifecycle events. For each kind: what obj/arg1/arg2 hold and the
// happens-before rule the analyzer applies ("rel(X)" = join the task's clock into X's clock,
// "acq(X)" = join X's clock into the task's clock).
enum class SyncKind : uint32_t {
  // Tasks. A task id is the runtime's own number (main = 1), never an OS tid.
  kTaskCreate = 1,  // obj=pthread_t or 0, arg1=child task id. rel(child start)
  kTaskStart = 2,   // arg1=parent task id (0 for main). acq(creation). First record of a stream.
  kTaskEnd = 3,     // rel(task end). Last record of a stream that ended normally.
  kTaskJoin = 4,    // arg1=joined task id. acq(joined task's end)
  kTaskDetach = 5,  // arg1=detached task id
  kTaskInternal = 6,  // the recording task is the runtime's own (the timer thread, a scheduler
                      // worker): never a user task in reports, leaks, all-asleep or counts
  // Mutexes (pthread mutex, spinlock; obj = address of the lock object).
  kMutexInit = 10,       // arg1=MutexFlags
  kMutexLock = 11,       // arg1=MutexFlags (try/timed/recursive/spin). acq(obj)
  kMutexUnlock = 12,     // rel(obj)
  kMutexTryFail = 13,    // trylock/timedlock that did not get the lock. no edge
  kMutexDestroy = 14,
  kRwInit = 20,
  kRwRdLock = 21,   // acq(obj write clock)
  kRwWrLock = 22,   // acq(obj write clock), acq(obj read clock)
  kRwUnlock = 23,   // read unlock: rel(obj read clock); write unlock: rel(obj write clock).
                    // which one follows from the analyzer's own state of obj.
  kRwTryFail = 24,
  kRwDestroy = 25,
  // Condition variables (obj = cond). The mutex side is recorded as Mutex events.
  kCondSignal = 30,     // rel(obj)
  kCondBroadcast = 31,  // rel(obj)
  kCondWake = 32,       // a wait returned; arg1=mutex, arg2=1 if timed out. acq(obj)
  kCondDestroy = 33,
  // Barriers (obj = barrier).
  kBarrierInit = 40,    // arg1=count
  kBarrierArrive = 41,  // rel(obj generation = arrival_number / count)
  kBarrierDepart = 42,  // acq(that generation); arg1 = 1 for the serial thread
  kBarrierDestroy = 43,
  // Semaphores (obj = sem_t).
  kSemInit = 50,  // arg1=initial value
  kSemPost = 51,  // rel(obj)
  kSemWait = 52,  // a wait/trywait/timedwait that decremented. acq(obj)
  kSemTryFail = 53,
  kSemDestroy = 54,
  // Once (pthread_once, __cxa_guard_*; obj = once control / guard).
  kOnceDone = 60,    // the initializer finished. rel(obj)
  kOnceReturn = 61,  // a caller returned with the object initialized. acq(obj)
  // Heap (obj = block address).
  kAlloc = 70,  // arg1=size, arg2=AllocKind. The block's previous life at obj ends here.
  kFree = 71,   // arg2=AllocKind. A write of the whole block, then the block's life ends.
  // Blocking (obj = what the task waits on, arg1 = BlockOp). Between kBlockBegin and the
  // next kBlockEnd of the same task, the task is asleep in that operation.
  kBlockBegin = 80,
  kBlockEnd = 81,  // arg1=BlockOp, arg2=BlockOutcome
  kSelectCase = 82,  // just before kBlockBegin(kSelect): obj=chan, arg1=0 recv / 1 send
  // Channels (obj = channel identity). k counts from 0 per channel.
  kChanMake = 90,      // arg1=capacity
  kChanSend = 91,      // value k placed in the channel (or handed over). arg1=k. rel(obj slot k)
  kChanSendDone = 92,  // the send of value k completes. arg1=k. acq(recv slot k - cap)
  kChanRecv = 93,      // the k-th value received. arg1=k, arg2=0. acq(slot k); rel(recv slot k)
  kChanRecvClosed = 94,  // a receive returned because the channel is closed. acq(close)
  kChanClose = 95,       // rel(close of obj)
  // Wait groups, pools, contexts (obj = the object; ctx.done() closes a channel, recorded
  // as kChanClose on that channel).
  kWgAdd = 100,   // arg1=zigzag(delta). delta < 0: rel(obj)
  kWgWait = 101,  // wait returned. acq(obj)
  kPoolPut = 110,  // arg1=item address. rel(item)
  kPoolGet = 111,  // arg1=item address, arg2=1 if newly made. acq(item) unless new
  kCtxCancel = 120,   // arg1=CtxErr. rel(obj)
  kCtxObserve = 121,  // err() returned non-empty. acq(obj)
  // Explicit annotations (AnnotateHappensBefore/After).
  kRelease = 130,  // rel(obj)
  kAcquire = 131,  // acq(obj)
  // Misuse and fatal conditions detected by the runtime (arg1 = MisuseKind). The runtime
  // also writes kMetaPanic with the message.
  kMisuse = 140,
  // Process.
  kProcessExit = 150,  // arg1=exit status. Last record of the task that called exit.
  kAllAsleep = 151,    // watchdog fired in this (reporting) stream; arg1=number of tasks
  kFork = 152,         // arg1=child pid
};

enum MutexFlags : uint32_t {
  kMutexTry = 1, kMutexTimed = 2, kMutexRecursive = 4, kMutexSpin = 8, kMutexErrorCheck = 16,
  kMutexRobust = 32,
};

enum class AllocKind : uint32_t { kMalloc = 0, kNew = 1, kNewArray = 2, kAligned = 3, kMmap = 4 };

enum class BlockOp : uint32_t {
  kMutexLock = 1, kRwRdLock = 2, kRwWrLock = 3, kCondWait = 4, kJoin = 5, kBarrier = 6,
  kSemWait = 7, kOnce = 8, kChanSend = 9, kChanRecv = 10, kSelect = 11, kWgWait = 12,
  kSleep = 13, kSpinLock = 14,
  kIdle = 15,  // a runtime-internal task with nothing pending: it can wake no one
};

enum class BlockOutcome : uint32_t { kOk = 0, kTimedOut = 1, kClosed = 2, kError = 3, kInterrupted = 4 };

enum class MisuseKind : uint32_t {
  kUnlockUnlocked = 1, kUnlockForeign = 2, kDoubleLock = 3, kDestroyLocked = 4,
  kNegativeWaitGroup = 5, kSendOnClosed = 6, kCloseClosed = 7, kCloseNil = 8,
  kPanic = 9,  // a user-level ccsp panic
};

enum class CtxErr : uint32_t { kNone = 0, kCanceled = 1, kDeadlineExceeded = 2 };

// Signed arguments (a wait group's delta) travel zigzag-coded.
inline constexpr uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline constexpr int64_t UnZigZag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

}  // namespace ccsp::abi
