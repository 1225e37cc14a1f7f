// pthread_barrier_* and sem_* interceptors. Barrier: arrive (release) before the real wait,
// depart (acquire) after. Semaphores: post records before the real post; waits try first and
// record blocking only when they would sleep. errno is preserved across recording.
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>

#include "interceptor.h"
#include "record.h"

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(pthread_barrier_init);
CCSP_REAL_DEF(pthread_barrier_destroy);
CCSP_REAL_DEF(pthread_barrier_wait);
CCSP_REAL_DEF(sem_init);
CCSP_REAL_DEF(sem_destroy);
CCSP_REAL_DEF(sem_post);
CCSP_REAL_DEF(sem_wait);
CCSP_REAL_DEF(sem_trywait);
CCSP_REAL_DEF(sem_timedwait);
CCSP_REAL_DEF(sem_clockwait);

class SaveErrno {
 public:
  SaveErrno() : e_(errno) {}
  ~SaveErrno() { errno = e_; }
  void Update() { e_ = errno; }

 private:
  int e_;
};

BlockOutcome SemOutcome(int rc, int err) {
  if (rc == 0) return BlockOutcome::kOk;
  if (err == ETIMEDOUT) return BlockOutcome::kTimedOut;
  if (err == EINTR) return BlockOutcome::kInterrupted;
  return BlockOutcome::kError;
}

// glibc's sem_t: {uint64 value; int private; ...}; private != 0 (FUTEX_SHARED, 128) for
// pshared and sem_open'ed semaphores, which another process may post.
bool SemShared(sem_t* s) { return reinterpret_cast<const int*>(s)[2] != 0; }

template <typename WaitFn>
int SemWait(sem_t* s, bool timed, WaitFn wait) {
  TaskState& t = Cur();
  uint32_t site = TakeCallsite();
  int rc = REAL(sem_trywait)(s);
  int err = rc == 0 ? 0 : errno;
  if (rc != 0 && err == EAGAIN) {
    BlockBegin(t, BlockOp::kSemWait, s, timed, site, SemShared(s));
    rc = wait();
    err = rc == 0 ? 0 : errno;
    BlockEnd(t, BlockOp::kSemWait, s, SemOutcome(rc, err));
  }
  RecordSync(t, rc == 0 ? SyncKind::kSemWait : SyncKind::kSemTryFail, s, 0, 0, site);
  errno = err;
  return rc;
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(int, pthread_barrier_init, pthread_barrier_t* b, const pthread_barrierattr_t* attr, unsigned count) {
  TaskState& t = Cur();
  int rc = REAL(pthread_barrier_init)(b, attr, count);
  if (rc == 0 && Recording(t)) RecordSync(t, SyncKind::kBarrierInit, b, count, 0, TakeCallsite());
  return rc;
}

INTERCEPTOR(int, pthread_barrier_destroy, pthread_barrier_t* b) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kBarrierDestroy, b, 0, 0, TakeCallsite());
  return REAL(pthread_barrier_destroy)(b);
}

INTERCEPTOR(int, pthread_barrier_wait, pthread_barrier_t* b) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_barrier_wait)(b);
  uint32_t site = TakeCallsite();
  RecordSync(t, SyncKind::kBarrierArrive, b, 0, 0, site);
  // glibc's barrier: {in, current_round, count, shared, out}; shared != 0 (FUTEX_SHARED, 128)
  // for a process-shared barrier.
  BlockBegin(t, BlockOp::kBarrier, b, false, site, reinterpret_cast<const int*>(b)[3] != 0);
  int rc = REAL(pthread_barrier_wait)(b);
  bool serial = rc == PTHREAD_BARRIER_SERIAL_THREAD;
  BlockEnd(t, BlockOp::kBarrier, b, rc == 0 || serial ? BlockOutcome::kOk : BlockOutcome::kError);
  RecordSync(t, SyncKind::kBarrierDepart, b, serial, 0, site);
  return rc;
}

INTERCEPTOR(int, sem_init, sem_t* s, int pshared, unsigned value) {
  TaskState& t = Cur();
  int rc = REAL(sem_init)(s, pshared, value);
  SaveErrno keep;
  if (rc == 0 && Recording(t)) RecordSync(t, SyncKind::kSemInit, s, value, 0, TakeCallsite());
  return rc;
}

INTERCEPTOR(int, sem_destroy, sem_t* s) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kSemDestroy, s, 0, 0, TakeCallsite());
  return REAL(sem_destroy)(s);
}

INTERCEPTOR(int, sem_post, sem_t* s) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kSemPost, s, 0, 0, TakeCallsite());
  return REAL(sem_post)(s);
}

INTERCEPTOR(int, sem_wait, sem_t* s) {
  if (!Recording(Cur())) return REAL(sem_wait)(s);
  return SemWait(s, false, [&] { return REAL(sem_wait)(s); });
}

INTERCEPTOR(int, sem_timedwait, sem_t* s, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(sem_timedwait)(s, abstime);
  return SemWait(s, true, [&] { return REAL(sem_timedwait)(s, abstime); });
}

INTERCEPTOR(int, sem_clockwait, sem_t* s, clockid_t clock, const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(sem_clockwait)(s, clock, abstime);
  return SemWait(s, true, [&] { return REAL(sem_clockwait)(s, clock, abstime); });
}

INTERCEPTOR(int, sem_trywait, sem_t* s) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(sem_trywait)(s);
  uint32_t site = TakeCallsite();
  int rc = REAL(sem_trywait)(s);
  int err = errno;
  RecordSync(t, rc == 0 ? SyncKind::kSemWait : SyncKind::kSemTryFail, s, 0, 0, site);
  errno = err;
  return rc;
}
