// pthread_once and the C++ function-local-static guards (__cxa_guard_*). The initializer's
// end is kOnceDone (release), every return with the object initialized is kOnceReturn
// (acquire). Waiting for another task's initializer is a kOnce block.
#include <pthread.h>
#include <stdint.h>

#include "atomics.h"
#include "interceptor.h"
#include "record.h"

extern "C" {
int __cxa_guard_acquire(int64_t* guard);
void __cxa_guard_release(int64_t* guard);
void __cxa_guard_abort(int64_t* guard);
}

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(pthread_once);
CCSP_REAL_DEF(__cxa_guard_acquire);
CCSP_REAL_DEF(__cxa_guard_release);
CCSP_REAL_DEF(__cxa_guard_abort);

constexpr int kOnceDoneBit = 2;  // glibc: __PTHREAD_ONCE_DONE

// Runs in the initializing task inside the real pthread_once.
void OnceTrampoline() {
  TaskState& t = Cur();
  void (*fn)() = t.once_fn;
  const void* obj = t.once_obj;
  t.once_ran = 1;
  BlockEnd(t, BlockOp::kOnce, obj, BlockOutcome::kOk);  // it runs the initializer, not waits
  fn();
  RecordSync(t, SyncKind::kOnceDone, obj, 0, 0, 0);
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(int, pthread_once, pthread_once_t* once, void (*fn)(void)) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_once)(once, fn);
  uint32_t site = TakeCallsite();
  if (__atomic_load_n(once, __ATOMIC_ACQUIRE) & kOnceDoneBit) {
    int rc = REAL(pthread_once)(once, fn);
    RecordSync(t, SyncKind::kOnceReturn, once, 0, 0, site);
    return rc;
  }
  void (*saved_fn)() = t.once_fn;
  const void* saved_obj = t.once_obj;
  uint8_t saved_ran = t.once_ran;
  t.once_fn = fn;
  t.once_obj = once;
  t.once_ran = 0;
  BlockBegin(t, BlockOp::kOnce, once, false, site);
  int rc = REAL(pthread_once)(once, OnceTrampoline);
  if (!t.once_ran) BlockEnd(t, BlockOp::kOnce, once, BlockOutcome::kOk);
  t.once_fn = saved_fn;
  t.once_obj = saved_obj;
  t.once_ran = saved_ran;
  RecordSync(t, SyncKind::kOnceReturn, once, 0, 0, site);
  return rc;
}

INTERCEPTOR(int, __cxa_guard_acquire, int64_t* guard) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(__cxa_guard_acquire)(guard);
  uint32_t site = TakeCallsite();
  bool done = __atomic_load_n(reinterpret_cast<uint8_t*>(guard), __ATOMIC_ACQUIRE) != 0;
  if (!done) BlockBegin(t, BlockOp::kOnce, guard, false, site);
  int rc = REAL(__cxa_guard_acquire)(guard);
  if (!done) BlockEnd(t, BlockOp::kOnce, guard, BlockOutcome::kOk);
  if (rc == 0) RecordSync(t, SyncKind::kOnceReturn, guard, 0, 0, site);
  return rc;
}

// The guard byte's store is recorded as an atomic release store (under the location's stripe
// lock), so instrumented code's inline acquire load of the guard synchronizes with it.
INTERCEPTOR(void, __cxa_guard_release, int64_t* guard) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(__cxa_guard_release)(guard);
  uint32_t site = TakeCallsite();
  RecordSync(t, SyncKind::kOnceDone, guard, 0, 0, site);
  AtomicStoreBegin(guard);
  REAL(__cxa_guard_release)(guard);
  AtomicStoreEnd(guard, 1, site);
}

INTERCEPTOR(void, __cxa_guard_abort, int64_t* guard) { REAL(__cxa_guard_abort)(guard); }
