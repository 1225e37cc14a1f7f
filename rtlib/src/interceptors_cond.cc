// pthread_cond_* interceptors (the GLIBC_2.3.2 versions). A wait records the mutex unlock
// before blocking (the real wait releases it), BlockBegin(kCondWait), and after the wait
// returns: BlockEnd, the mutex lock (re-acquired by the real wait) and kCondWake.
#include <errno.h>
#include <pthread.h>

#include "interceptor.h"
#include "record.h"

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(pthread_cond_init);
CCSP_REAL_DEF(pthread_cond_destroy);
CCSP_REAL_DEF(pthread_cond_signal);
CCSP_REAL_DEF(pthread_cond_broadcast);
CCSP_REAL_DEF(pthread_cond_wait);
CCSP_REAL_DEF(pthread_cond_timedwait);
CCSP_REAL_DEF(pthread_cond_clockwait);

constexpr const char* kCondVersion = "GLIBC_2.3.2";

uint32_t MutexFlags(const pthread_mutex_t* m) {
  return (m->__data.__kind & 3) == PTHREAD_MUTEX_RECURSIVE ? trace::kMutexRecursive : 0;
}

template <typename WaitFn>
int Wait(pthread_cond_t* c, pthread_mutex_t* m, bool timed, WaitFn wait) {
  TaskState& t = Cur();
  uint32_t site = TakeCallsite();
  RecordSync(t, SyncKind::kMutexUnlock, m, 0, 0, site);
  BlockBegin(t, BlockOp::kCondWait, c, timed, site, (c->__data.__wrefs & 1) != 0);  // process-shared
  int rc = wait();
  BlockEnd(t, BlockOp::kCondWait, c, OutcomeOf(rc));
  RecordSync(t, SyncKind::kMutexLock, m, MutexFlags(m), 0, site);
  RecordSync(t, SyncKind::kCondWake, c, reinterpret_cast<uint64_t>(m), rc == ETIMEDOUT, site);
  return rc;
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(int, pthread_cond_init, pthread_cond_t* c, const pthread_condattr_t* attr) {
  return REALV(pthread_cond_init, kCondVersion)(c, attr);
}

INTERCEPTOR(int, pthread_cond_destroy, pthread_cond_t* c) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kCondDestroy, c, 0, 0, TakeCallsite());
  return REALV(pthread_cond_destroy, kCondVersion)(c);
}

INTERCEPTOR(int, pthread_cond_signal, pthread_cond_t* c) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kCondSignal, c, 0, 0, TakeCallsite());
  return REALV(pthread_cond_signal, kCondVersion)(c);
}

INTERCEPTOR(int, pthread_cond_broadcast, pthread_cond_t* c) {
  TaskState& t = Cur();
  if (Recording(t)) RecordSync(t, SyncKind::kCondBroadcast, c, 0, 0, TakeCallsite());
  return REALV(pthread_cond_broadcast, kCondVersion)(c);
}

INTERCEPTOR(int, pthread_cond_wait, pthread_cond_t* c, pthread_mutex_t* m) {
  if (!Recording(Cur())) return REALV(pthread_cond_wait, kCondVersion)(c, m);
  return Wait(c, m, false, [&] { return REALV(pthread_cond_wait, kCondVersion)(c, m); });
}

INTERCEPTOR(int, pthread_cond_timedwait, pthread_cond_t* c, pthread_mutex_t* m, const struct timespec* abstime) {
  if (!Recording(Cur())) return REALV(pthread_cond_timedwait, kCondVersion)(c, m, abstime);
  return Wait(c, m, true, [&] { return REALV(pthread_cond_timedwait, kCondVersion)(c, m, abstime); });
}

INTERCEPTOR(int, pthread_cond_clockwait, pthread_cond_t* c, pthread_mutex_t* m, clockid_t clock,
            const struct timespec* abstime) {
  if (!Recording(Cur())) return REAL(pthread_cond_clockwait)(c, m, clock, abstime);
  return Wait(c, m, true, [&] { return REAL(pthread_cond_clockwait)(c, m, clock, abstime); });
}
