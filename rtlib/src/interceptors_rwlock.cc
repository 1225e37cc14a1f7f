// pthread_rwlock_* interceptors. Read and write locks try first and only record blocking
// when they would wait; unlock records before the real unlock (which kind of unlock it was
// follows from the analyzer's own state of the lock).
#include <errno.h>
#include <pthread.h>

#include "interceptor.h"
#include "record.h"

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(pthread_rwlock_init);
CCSP_REAL_DEF(pthread_rwlock_destroy);
CCSP_REAL_DEF(pthread_rwlock_rdlock);
CCSP_REAL_DEF(pthread_rwlock_tryrdlock);
CCSP_REAL_DEF(pthread_rwlock_timedrdlock);
CCSP_REAL_DEF(pthread_rwlock_clockrdlock);
CCSP_REAL_DEF(pthread_rwlock_wrlock);
CCSP_REAL_DEF(pthread_rwlock_trywrlock);
CCSP_REAL_DEF(pthread_rwlock_timedwrlock);
CCSP_REAL_DEF(pthread_rwlock_clockwrlock);
CCSP_REAL_DEF(pthread_rwlock_unlock);

// Shared shape of every rwlock acquisition: try, block if busy, record the outcome.
// can_block == false: a try operation, which never blocks.
template <typename TryFn, typename LockFn>
int Acquire(pthread_rwlock_t* rw, bool write, bool timed, bool can_block, TryFn try_lock, LockFn lock) {
  TaskState& t = Cur();
  uint32_t site = TakeCallsite();
  uint64_t ts = TakeLockTs();
  int rc = try_lock();
  if (rc == EBUSY && can_block) {
    BlockOp op = write ? BlockOp::kRwWrLock : BlockOp::kRwRdLock;
    BlockBegin(t, op, rw, timed, site, rw->__data.__shared != 0);
    rc = lock();
    BlockEnd(t, op, rw, OutcomeOf(rc));
  }
  uint32_t flags = (timed ? trace::kMutexTimed : 0) | (can_block ? 0 : trace::kMutexTry);
  if (rc == 0) RecordAcquire(t, write ? SyncKind::kRwWrLock : SyncKind::kRwRdLock, ts, rw, flags, site);
  else RecordSync(t, SyncKind::kRwTryFail, rw, write, 0, site);
  return rc;
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(int, pthread_rwlock_init, pthread_rwlock_t* rw, const pthread_rwlockattr_t* attr) {
  TaskState& t = Cur();
  int rc = REAL(pthread_rwlock_init)(rw, attr);
  if (rc == 0 && Recording(t)) RecordSync(t, SyncKind::kRwInit, rw, 0, 0, TakeCallsite());
  return rc;
}

INTERCEPTOR(int, pthread_rwlock_destroy, pthread_rwlock_t* rw) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kRwDestroy, rw, 0, 0, TakeCallsite());
  return REAL(pthread_rwlock_destroy)(rw);
}

INTERCEPTOR(int, pthread_rwlock_rdlock, pthread_rwlock_t* rw) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_rdlock)(rw);
  return Acquire(rw, false, false, true, [&] { return REAL(pthread_rwlock_tryrdlock)(rw); },
                 [&] { return REAL(pthread_rwlock_rdlock)(rw); });
}

INTERCEPTOR(int, pthread_rwlock_wrlock, pthread_rwlock_t* rw) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_wrlock)(rw);
  return Acquire(rw, true, false, true, [&] { return REAL(pthread_rwlock_trywrlock)(rw); },
                 [&] { return REAL(pthread_rwlock_wrlock)(rw); });
}

INTERCEPTOR(int, pthread_rwlock_tryrdlock, pthread_rwlock_t* rw) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_tryrdlock)(rw);
  return Acquire(rw, false, false, false, [&] { return REAL(pthread_rwlock_tryrdlock)(rw); }, [] { return EBUSY; });
}

INTERCEPTOR(int, pthread_rwlock_trywrlock, pthread_rwlock_t* rw) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_trywrlock)(rw);
  return Acquire(rw, true, false, false, [&] { return REAL(pthread_rwlock_trywrlock)(rw); }, [] { return EBUSY; });
}

INTERCEPTOR(int, pthread_rwlock_timedrdlock, pthread_rwlock_t* rw, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_timedrdlock)(rw, abstime);
  return Acquire(rw, false, true, true, [&] { return REAL(pthread_rwlock_tryrdlock)(rw); },
                 [&] { return REAL(pthread_rwlock_timedrdlock)(rw, abstime); });
}

INTERCEPTOR(int, pthread_rwlock_timedwrlock, pthread_rwlock_t* rw, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_timedwrlock)(rw, abstime);
  return Acquire(rw, true, true, true, [&] { return REAL(pthread_rwlock_trywrlock)(rw); },
                 [&] { return REAL(pthread_rwlock_timedwrlock)(rw, abstime); });
}

INTERCEPTOR(int, pthread_rwlock_clockrdlock, pthread_rwlock_t* rw, clockid_t clock, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_clockrdlock)(rw, clock, abstime);
  return Acquire(rw, false, true, true, [&] { return REAL(pthread_rwlock_tryrdlock)(rw); },
                 [&] { return REAL(pthread_rwlock_clockrdlock)(rw, clock, abstime); });
}

INTERCEPTOR(int, pthread_rwlock_clockwrlock, pthread_rwlock_t* rw, clockid_t clock, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(pthread_rwlock_clockwrlock)(rw, clock, abstime);
  return Acquire(rw, true, true, true, [&] { return REAL(pthread_rwlock_trywrlock)(rw); },
                 [&] { return REAL(pthread_rwlock_clockwrlock)(rw, clock, abstime); });
}

INTERCEPTOR(int, pthread_rwlock_unlock, pthread_rwlock_t* rw) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_rwlock_unlock)(rw);
  uint32_t site = TakeCallsite();
  PendingRelease r = TakeRelease(t);
  int rc = REAL(pthread_rwlock_unlock)(rw);
  FinishRelease(t, r, SyncKind::kRwUnlock, rw, site);
  return rc;
}
