// Thread interceptors: create/join/tryjoin/timedjoin/clockjoin/detach/setname, and the start
// wrapper that makes every new thread a task. TaskEnd is written by the task key's destructor,
// which runs for return-from-start-routine, pthread_exit and cancellation alike.
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "init.h"
#include "interceptor.h"
#include "meta_stream.h"
#include "record.h"
#include "task_registry.h"

extern "C" void* __libc_malloc(size_t);
extern "C" void __libc_free(void*);

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(pthread_create);
CCSP_REAL_DEF(pthread_join);
CCSP_REAL_DEF(pthread_tryjoin_np);
CCSP_REAL_DEF(pthread_timedjoin_np);
CCSP_REAL_DEF(pthread_clockjoin_np);
CCSP_REAL_DEF(pthread_detach);
CCSP_REAL_DEF(pthread_setname_np);

struct StartInfo {
  void* (*fn)(void*);
  void* arg;
  TaskRecord* record;
  uint32_t parent;
};

// The task's stack is fresh memory: recorded as an mmap-kind allocation right after
// TaskStart. glibc places the thread's static TLS (and TCB) inside the same block, at its
// top, so the range covers the TLS too.
void RecordStack(TaskState& t) {
  pthread_attr_t attr;
  void* lo = nullptr;
  size_t size = 0;
  {
    ScopedRuntime rt;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
    pthread_attr_getstack(&attr, &lo, &size);
    pthread_attr_destroy(&attr);
  }
  if (lo && size) RecordAlloc(t, lo, size, AllocKind::kMmap, 0);
}

void* ThreadStart(void* p) {
  StartInfo si = *static_cast<StartInfo*>(p);
  __libc_free(p);
  TaskState& t = Cur();
  registry::MapPthread(reinterpret_cast<uint64_t>(pthread_self()), si.record->id);
  StartTask(t, si.record, si.parent);
  if (t.phase == Phase::kActive) RecordStack(t);
  return si.fn(si.arg);
}

uint32_t JoinedId(pthread_t th) { return registry::TakePthread(reinterpret_cast<uint64_t>(th)); }

}  // namespace

void* ResolveReal(const char* name, const char* version) {
  void* p = version ? dlvsym(RTLD_NEXT, name, version) : dlsym(RTLD_NEXT, name);
  if (!p && version) p = dlsym(RTLD_NEXT, name);
  if (!p) {
    WriteStderr("ccsp: error: cannot find the real '");
    WriteStderr(name);
    WriteStderr("' (is the program linked against libc/libpthread?)\n");
    _exit(2);
  }
  return p;
}

int RealPthreadCreate(void* thread, const void* attr, void* (*fn)(void*), void* arg) {
  return REAL(pthread_create)(static_cast<pthread_t*>(thread), static_cast<const pthread_attr_t*>(attr), fn, arg);
}

}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(int, pthread_create, pthread_t* th, const pthread_attr_t* attr, void* (*fn)(void*), void* arg) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_create)(th, attr, fn, arg);
  uint32_t site = TakeCallsite();
  TaskRecord* child = registry::NewTask(t.id, site);
  auto* si = static_cast<StartInfo*>(__libc_malloc(sizeof(StartInfo)));
  if (!si) {
    registry::RemoveTask(child);
    return EAGAIN;
  }
  *si = StartInfo{fn, arg, child, t.id};
  uint32_t child_id = child->id;
  // Taken before the child can run, so the child's TaskStart has a larger seq.
  uint64_t seq = NextSeq(t);
  int rc;
  {
    ScopedRuntime rt;
    rc = REAL(pthread_create)(th, attr, ThreadStart, si);
  }
  if (rc != 0) {
    registry::RemoveTask(child);
    __libc_free(si);
    return rc;
  }
  // The child maps itself at start; this covers a join/setname before it has run.
  registry::MapPthreadIfAbsent(reinterpret_cast<uint64_t>(*th), child_id);
  RecordSyncSeq(t, SyncKind::kTaskCreate, seq, reinterpret_cast<void*>(*th), child_id, 0, site);
  return rc;
}

INTERCEPTOR(int, pthread_join, pthread_t th, void** ret) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_join)(th, ret);
  uint32_t site = TakeCallsite();
  auto* obj = reinterpret_cast<void*>(th);
  BlockBegin(t, BlockOp::kJoin, obj, false, site);
  int rc = REAL(pthread_join)(th, ret);
  BlockEnd(t, BlockOp::kJoin, obj, OutcomeOf(rc));
  if (rc == 0) RecordSync(t, SyncKind::kTaskJoin, obj, JoinedId(th), 0, site);
  return rc;
}

INTERCEPTOR(int, pthread_tryjoin_np, pthread_t th, void** ret) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_tryjoin_np)(th, ret);
  uint32_t site = TakeCallsite();
  int rc = REAL(pthread_tryjoin_np)(th, ret);
  if (rc == 0) RecordSync(t, SyncKind::kTaskJoin, reinterpret_cast<void*>(th), JoinedId(th), 0, site);
  return rc;
}

INTERCEPTOR(int, pthread_timedjoin_np, pthread_t th, void** ret, const struct timespec* abstime) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_timedjoin_np)(th, ret, abstime);
  uint32_t site = TakeCallsite();
  auto* obj = reinterpret_cast<void*>(th);
  BlockBegin(t, BlockOp::kJoin, obj, true, site);
  int rc = REAL(pthread_timedjoin_np)(th, ret, abstime);
  BlockEnd(t, BlockOp::kJoin, obj, OutcomeOf(rc));
  if (rc == 0) RecordSync(t, SyncKind::kTaskJoin, obj, JoinedId(th), 0, site);
  return rc;
}

INTERCEPTOR(int, pthread_clockjoin_np, pthread_t th, void** ret, clockid_t clock, const struct timespec* abstime) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_clockjoin_np)(th, ret, clock, abstime);
  uint32_t site = TakeCallsite();
  auto* obj = reinterpret_cast<void*>(th);
  BlockBegin(t, BlockOp::kJoin, obj, abstime != nullptr, site);
  int rc = REAL(pthread_clockjoin_np)(th, ret, clock, abstime);
  BlockEnd(t, BlockOp::kJoin, obj, OutcomeOf(rc));
  if (rc == 0) RecordSync(t, SyncKind::kTaskJoin, obj, JoinedId(th), 0, site);
  return rc;
}

INTERCEPTOR(int, pthread_detach, pthread_t th) {
  TaskState& t = Cur();
  if (!Recording(t)) return REAL(pthread_detach)(th);
  uint32_t site = TakeCallsite();
  uint32_t id = registry::LookupPthread(reinterpret_cast<uint64_t>(th));
  int rc = REAL(pthread_detach)(th);
  if (rc == 0) RecordSync(t, SyncKind::kTaskDetach, reinterpret_cast<void*>(th), id, 0, site);
  return rc;
}

INTERCEPTOR(int, pthread_setname_np, pthread_t th, const char* name) {
  TaskState& t = Cur();
  int rc = REAL(pthread_setname_np)(th, name);
  if (rc == 0 && EnsureTask(t) && !(t.suppress & kSuppressStopped)) {
    uint32_t id = pthread_equal(th, pthread_self()) ? t.id : registry::LookupPthread(reinterpret_cast<uint64_t>(th));
    if (id) meta::TaskName(id, name);
  }
  return rc;
}
