// Names of the trace's enums, shared by the detectors, renderers and the dump.
#include "analyzer/reading/names.h"

namespace ccsp::analyzer {

const char* MisuseName(uint64_t kind) {
  using trace::MisuseKind;
  switch (static_cast<MisuseKind>(kind)) {
    case MisuseKind::kUnlockUnlocked: return "unlock-unlocked";
    case MisuseKind::kUnlockForeign: return "unlock-foreign";
    case MisuseKind::kDoubleLock: return "double-lock";
    case MisuseKind::kDestroyLocked: return "destroy-locked";
    case MisuseKind::kNegativeWaitGroup: return "negative-wait-group";
    case MisuseKind::kSendOnClosed: return "send-on-closed";
    case MisuseKind::kCloseClosed: return "close-closed";
    case MisuseKind::kCloseNil: return "close-nil";
    case MisuseKind::kPanic: return "panic";
  }
  return "misuse";
}

const char* MisuseDescription(uint64_t kind) {
  using trace::MisuseKind;
  switch (static_cast<MisuseKind>(kind)) {
    case MisuseKind::kUnlockUnlocked: return "unlock of an unlocked mutex";
    case MisuseKind::kUnlockForeign: return "unlock of a mutex held by another task";
    case MisuseKind::kDoubleLock: return "lock of a mutex this task already holds";
    case MisuseKind::kDestroyLocked: return "destroy of a locked mutex";
    case MisuseKind::kNegativeWaitGroup: return "negative wait group counter";
    case MisuseKind::kSendOnClosed: return "send on closed channel";
    case MisuseKind::kCloseClosed: return "close of closed channel";
    case MisuseKind::kCloseNil: return "close of nil channel";
    case MisuseKind::kPanic: return "panic";
  }
  return "misuse";
}

const char* BlockOpName(uint64_t op) {
  using trace::BlockOp;
  switch (static_cast<BlockOp>(op)) {
    case BlockOp::kMutexLock: return "mutex-lock";
    case BlockOp::kRwRdLock: return "rwlock-read-lock";
    case BlockOp::kRwWrLock: return "rwlock-write-lock";
    case BlockOp::kCondWait: return "cond-wait";
    case BlockOp::kJoin: return "join";
    case BlockOp::kBarrier: return "barrier-wait";
    case BlockOp::kSemWait: return "sem-wait";
    case BlockOp::kOnce: return "once";
    case BlockOp::kChanSend: return "chan-send";
    case BlockOp::kChanRecv: return "chan-receive";
    case BlockOp::kSelect: return "select";
    case BlockOp::kWgWait: return "wait-group-wait";
    case BlockOp::kSleep: return "sleep";
    case BlockOp::kSpinLock: return "spin-lock";
    case BlockOp::kIdle: return "idle";
  }
  return "blocked";
}

std::string BlockOpWords(uint64_t op, uint64_t object, size_t select_cases) {
  using trace::BlockOp;
  switch (static_cast<BlockOp>(op)) {
    case BlockOp::kMutexLock: return "sync.Mutex lock";
    case BlockOp::kRwRdLock: return "sync.RWMutex read lock";
    case BlockOp::kRwWrLock: return "sync.RWMutex lock";
    case BlockOp::kCondWait: return "sync.Cond wait";
    case BlockOp::kJoin: return "thread join";
    case BlockOp::kBarrier: return "barrier wait";
    case BlockOp::kSemWait: return "semaphore wait";
    case BlockOp::kOnce: return "sync.Once";
    case BlockOp::kChanSend: return object ? "chan send" : "chan send (nil chan)";
    case BlockOp::kChanRecv: return object ? "chan receive" : "chan receive (nil chan)";
    case BlockOp::kSelect: return select_cases ? "select" : "select (no cases)";
    case BlockOp::kWgWait: return "wait-group wait";
    case BlockOp::kSleep: return "sleep";
    case BlockOp::kSpinLock: return "spin lock";
    case BlockOp::kIdle: return "idle";
  }
  return "blocked";
}

const char* SyncKindName(uint32_t kind) {
  using trace::SyncKind;
  switch (static_cast<SyncKind>(kind)) {
    case SyncKind::kTaskCreate: return "TaskCreate";
    case SyncKind::kTaskStart: return "TaskStart";
    case SyncKind::kTaskEnd: return "TaskEnd";
    case SyncKind::kTaskJoin: return "TaskJoin";
    case SyncKind::kTaskDetach: return "TaskDetach";
    case SyncKind::kTaskInternal: return "TaskInternal";
    case SyncKind::kMutexInit: return "MutexInit";
    case SyncKind::kMutexLock: return "MutexLock";
    case SyncKind::kMutexUnlock: return "MutexUnlock";
    case SyncKind::kMutexTryFail: return "MutexTryFail";
    case SyncKind::kMutexDestroy: return "MutexDestroy";
    case SyncKind::kRwInit: return "RwInit";
    case SyncKind::kRwRdLock: return "RwRdLock";
    case SyncKind::kRwWrLock: return "RwWrLock";
    case SyncKind::kRwUnlock: return "RwUnlock";
    case SyncKind::kRwTryFail: return "RwTryFail";
    case SyncKind::kRwDestroy: return "RwDestroy";
    case SyncKind::kCondSignal: return "CondSignal";
    case SyncKind::kCondBroadcast: return "CondBroadcast";
    case SyncKind::kCondWake: return "CondWake";
    case SyncKind::kCondDestroy: return "CondDestroy";
    case SyncKind::kBarrierInit: return "BarrierInit";
    case SyncKind::kBarrierArrive: return "BarrierArrive";
    case SyncKind::kBarrierDepart: return "BarrierDepart";
    case SyncKind::kBarrierDestroy: return "BarrierDestroy";
    case SyncKind::kSemInit: return "SemInit";
    case SyncKind::kSemPost: return "SemPost";
    case SyncKind::kSemWait: return "SemWait";
    case SyncKind::kSemTryFail: return "SemTryFail";
    case SyncKind::kSemDestroy: return "SemDestroy";
    case SyncKind::kOnceDone: return "OnceDone";
    case SyncKind::kOnceReturn: return "OnceReturn";
    case SyncKind::kAlloc: return "Alloc";
    case SyncKind::kFree: return "Free";
    case SyncKind::kBlockBegin: return "BlockBegin";
    case SyncKind::kBlockEnd: return "BlockEnd";
    case SyncKind::kSelectCase: return "SelectCase";
    case SyncKind::kChanMake: return "ChanMake";
    case SyncKind::kChanSend: return "ChanSend";
    case SyncKind::kChanSendDone: return "ChanSendDone";
    case SyncKind::kChanRecv: return "ChanRecv";
    case SyncKind::kChanRecvClosed: return "ChanRecvClosed";
    case SyncKind::kChanClose: return "ChanClose";
    case SyncKind::kWgAdd: return "WgAdd";
    case SyncKind::kWgWait: return "WgWait";
    case SyncKind::kPoolPut: return "PoolPut";
    case SyncKind::kPoolGet: return "PoolGet";
    case SyncKind::kCtxCancel: return "CtxCancel";
    case SyncKind::kCtxObserve: return "CtxObserve";
    case SyncKind::kRelease: return "Release";
    case SyncKind::kAcquire: return "Acquire";
    case SyncKind::kMisuse: return "Misuse";
    case SyncKind::kProcessExit: return "ProcessExit";
    case SyncKind::kAllAsleep: return "AllAsleep";
    case SyncKind::kFork: return "Fork";
  }
  return nullptr;
}

const char* AtomicKindName(trace::AtomicKind k) {
  using trace::AtomicKind;
  switch (k) {
    case AtomicKind::kLoad: return "load";
    case AtomicKind::kStore: return "store";
    case AtomicKind::kRmw: return "rmw";
    case AtomicKind::kCasOk: return "cas";
    case AtomicKind::kCasFail: return "cas-fail";
    case AtomicKind::kFence: return "fence";
    case AtomicKind::kSignalFence: return "signal-fence";
  }
  return "?";
}

const char* MemOrderName(trace::MemOrder o) {
  using trace::MemOrder;
  switch (o) {
    case MemOrder::kRelaxed: return "relaxed";
    case MemOrder::kConsume: return "consume";
    case MemOrder::kAcquire: return "acquire";
    case MemOrder::kRelease: return "release";
    case MemOrder::kAcqRel: return "acq_rel";
    case MemOrder::kSeqCst: return "seq_cst";
  }
  return "?";
}

}  // namespace ccsp::analyzer
