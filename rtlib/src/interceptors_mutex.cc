// pthread_mutex_* and pthread_spin_* interceptors. Locks try first and record BlockBegin/
// BlockEnd only when they would wait, so uncontended locking costs one record. Unlock
// takes its seq before the real unlock (release), lock after the real lock returns (acquire);
// the clock is read outside the critical section (before the lock, after the unlock).
// Misuse is recorded as kMisuse (the program goes on, as under TSan): relocking a mutex the
// task holds, unlocking an unlocked or foreign mutex, destroying a locked one. glibc keeps
// the owner's tid in __data.__owner for every mutex type, which is what the checks read.
#include <errno.h>
#include <pthread.h>

#include "interceptor.h"
#include "record.h"

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(pthread_mutex_init);
CCSP_REAL_DEF(pthread_mutex_destroy);
CCSP_REAL_DEF(pthread_mutex_lock);
CCSP_REAL_DEF(pthread_mutex_trylock);
CCSP_REAL_DEF(pthread_mutex_timedlock);
CCSP_REAL_DEF(pthread_mutex_clocklock);
CCSP_REAL_DEF(pthread_mutex_unlock);
CCSP_REAL_DEF(pthread_spin_init);
CCSP_REAL_DEF(pthread_spin_destroy);
CCSP_REAL_DEF(pthread_spin_lock);
CCSP_REAL_DEF(pthread_spin_trylock);
CCSP_REAL_DEF(pthread_spin_unlock);

// glibc keeps the mutex type in __data.__kind: low 2 bits the type (1 recursive, 2 error
// checking), bit 4 robust.
uint32_t FlagsOf(const pthread_mutex_t* m) {
  int kind = m->__data.__kind;
  uint32_t f = 0;
  if ((kind & 3) == PTHREAD_MUTEX_RECURSIVE) f |= trace::kMutexRecursive;
  if ((kind & 3) == PTHREAD_MUTEX_ERRORCHECK) f |= trace::kMutexErrorCheck;
  if (kind & 16) f |= trace::kMutexRobust;
  return f;
}

// pthread_spinlock_t is a volatile int: the object is its address.
const void* Obj(pthread_spinlock_t* s) { return const_cast<const int*>(s); }

// PTHREAD_MUTEX_PSHARED_BIT: another process may unlock it.
bool Shared(const pthread_mutex_t* m) { return m->__data.__kind & 128; }

bool Acquired(int rc) { return rc == 0 || rc == EOWNERDEAD; }

void Misuse(TaskState& t, trace::MisuseKind kind, const void* obj, uint32_t site) {
  RecordSync(t, SyncKind::kMisuse, obj, static_cast<uint32_t>(kind), 0, site);
}

// Before a lock: relocking a non-recursive mutex this task holds.
void CheckRelock(TaskState& t, const pthread_mutex_t* m, uint32_t site) {
  if ((m->__data.__kind & 3) != PTHREAD_MUTEX_RECURSIVE && m->__data.__lock != 0 && m->__data.__owner == t.tid)
    Misuse(t, trace::MisuseKind::kDoubleLock, m, site);
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(int, pthread_mutex_init, pthread_mutex_t* m, const pthread_mutexattr_t* attr) {
  TaskState& t = Cur();
  int rc = REAL(pthread_mutex_init)(m, attr);
  if (rc == 0 && Recording(t)) RecordSync(t, SyncKind::kMutexInit, m, FlagsOf(m), 0, TakeCallsite());
  return rc;
}

INTERCEPTOR(int, pthread_mutex_destroy, pthread_mutex_t* m) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_mutex_destroy)(m);
  uint32_t site = TakeCallsite();
  bool locked = m->__data.__lock != 0;
  int rc = REAL(pthread_mutex_destroy)(m);
  if (locked || rc == EBUSY) Misuse(t, trace::MisuseKind::kDestroyLocked, m, site);
  if (rc == 0) RecordSync(t, SyncKind::kMutexDestroy, m, 0, 0, site);
  return rc;
}

INTERCEPTOR(int, pthread_mutex_lock, pthread_mutex_t* m) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_mutex_lock)(m);
  uint32_t site = TakeCallsite();
  CheckRelock(t, m, site);
  uint64_t ts = TakeLockTs();
  int rc = REAL(pthread_mutex_trylock)(m);
  if (rc == EBUSY) {
    BlockBegin(t, BlockOp::kMutexLock, m, false, site, Shared(m));
    rc = REAL(pthread_mutex_lock)(m);
    BlockEnd(t, BlockOp::kMutexLock, m, Acquired(rc) ? BlockOutcome::kOk : BlockOutcome::kError);
  }
  if (Acquired(rc)) RecordAcquire(t, SyncKind::kMutexLock, ts, m, FlagsOf(m), site);
  return rc;
}

INTERCEPTOR(int, pthread_mutex_trylock, pthread_mutex_t* m) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_mutex_trylock)(m);
  uint32_t site = TakeCallsite();
  int rc = REAL(pthread_mutex_trylock)(m);
  if (Acquired(rc)) RecordSync(t, SyncKind::kMutexLock, m, FlagsOf(m) | trace::kMutexTry, 0, site);
  else RecordSync(t, SyncKind::kMutexTryFail, m, FlagsOf(m) | trace::kMutexTry, 0, site);
  return rc;
}

namespace {
template <typename LockFn>
int TimedLock(pthread_mutex_t* m, bool timed, LockFn lock) {
  TaskState& t = Cur();
  uint32_t site = TakeCallsite();
  CheckRelock(t, m, site);
  int rc = REAL(pthread_mutex_trylock)(m);
  if (rc == EBUSY) {
    BlockBegin(t, BlockOp::kMutexLock, m, timed, site, Shared(m));
    rc = lock();
    BlockEnd(t, BlockOp::kMutexLock, m, Acquired(rc) ? BlockOutcome::kOk : OutcomeOf(rc));
  }
  uint32_t flags = FlagsOf(m) | trace::kMutexTimed;
  RecordSync(t, Acquired(rc) ? SyncKind::kMutexLock : SyncKind::kMutexTryFail, m, flags, 0, site);
  return rc;
}
}  // namespace

INTERCEPTOR(int, pthread_mutex_timedlock, pthread_mutex_t* m, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(pthread_mutex_timedlock)(m, abstime);
  return TimedLock(m, true, [&] { return REAL(pthread_mutex_timedlock)(m, abstime); });
}

INTERCEPTOR(int, pthread_mutex_clocklock, pthread_mutex_t* m, clockid_t clock, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(pthread_mutex_clocklock)(m, clock, abstime);
  return TimedLock(m, true, [&] { return REAL(pthread_mutex_clocklock)(m, clock, abstime); });
}

INTERCEPTOR(int, pthread_mutex_unlock, pthread_mutex_t* m) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_mutex_unlock)(m);
  uint32_t site = TakeCallsite();
  if (m->__data.__lock == 0) Misuse(t, trace::MisuseKind::kUnlockUnlocked, m, site);
  else if (m->__data.__owner != t.tid && m->__data.__owner != 0) Misuse(t, trace::MisuseKind::kUnlockForeign, m, site);
  PendingRelease r = TakeRelease(t);
  int rc = REAL(pthread_mutex_unlock)(m);
  if (rc == 0) FinishRelease(t, r, SyncKind::kMutexUnlock, m, site);  // a refused unlock releases nothing
  return rc;
}

INTERCEPTOR(int, pthread_spin_init, pthread_spinlock_t* s, int pshared) {
  TaskState& t = Cur();
  int rc = REAL(pthread_spin_init)(s, pshared);
  if (rc == 0 && Recording(t)) RecordSync(t, SyncKind::kMutexInit, Obj(s), trace::kMutexSpin, 0, TakeCallsite());
  return rc;
}

INTERCEPTOR(int, pthread_spin_destroy, pthread_spinlock_t* s) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kMutexDestroy, Obj(s), 0, 0, TakeCallsite());
  return REAL(pthread_spin_destroy)(s);
}

INTERCEPTOR(int, pthread_spin_lock, pthread_spinlock_t* s) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_spin_lock)(s);
  uint32_t site = TakeCallsite();
  uint64_t ts = TakeLockTs();
  int rc = REAL(pthread_spin_trylock)(s);
  if (rc == EBUSY) {
    BlockBegin(t, BlockOp::kSpinLock, Obj(s), false, site, /*shared=*/true);  // pshared unknowable
    rc = REAL(pthread_spin_lock)(s);
    BlockEnd(t, BlockOp::kSpinLock, Obj(s), OutcomeOf(rc));
  }
  if (rc == 0) RecordAcquire(t, SyncKind::kMutexLock, ts, Obj(s), trace::kMutexSpin, site);
  return rc;
}

INTERCEPTOR(int, pthread_spin_trylock, pthread_spinlock_t* s) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_spin_trylock)(s);
  uint32_t site = TakeCallsite();
  int rc = REAL(pthread_spin_trylock)(s);
  RecordSync(t, rc == 0 ? SyncKind::kMutexLock : SyncKind::kMutexTryFail, Obj(s), trace::kMutexSpin | trace::kMutexTry, 0,
             site);
  return rc;
}

INTERCEPTOR(int, pthread_spin_unlock, pthread_spinlock_t* s) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_spin_unlock)(s);
  uint32_t site = TakeCallsite();
  PendingRelease r = TakeRelease(t);
  int rc = REAL(pthread_spin_unlock)(s);
  FinishRelease(t, r, SyncKind::kMutexUnlock, Obj(s), site);
  return rc;
}
