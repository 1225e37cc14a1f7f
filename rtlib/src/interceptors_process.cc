// Process-level interceptors: fork (the child continues recording into its own trace file,
// ccsp-trace.<childpid>.bin, flagged kFlagForkChild, with only the forking task), vfork (run
// as fork, since the runtime writes memory in the child), and the exec family (the trace is
// finished cleanly before the image is replaced, and resumed if exec fails).
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

#include "init.h"
#include "interceptor.h"
#include "record.h"

extern "C" char** environ;

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(fork);
CCSP_REAL_DEF(execve);
CCSP_REAL_DEF(execv);
CCSP_REAL_DEF(execvp);
CCSP_REAL_DEF(execvpe);
CCSP_REAL_DEF(fexecve);
CCSP_REAL_DEF(execveat);

pid_t Fork() {
  TaskState& t = Cur();
  if (!Initialized() || t.phase != Phase::kActive) return REAL(fork)();
  uint32_t site = TakeCallsite();
  uint64_t parent = static_cast<uint64_t>(getpid());
  pid_t pid;
  {
    ScopedRuntime rt;
    BeforeFork();
    pid = REAL(fork)();
    if (pid == 0) {
      AfterForkChild(parent);
    } else {
      AfterForkParent();
    }
  }
  if (pid > 0 && !(t.suppress & kSuppressStopped)) {
    int err = errno;
    RecordSync(t, SyncKind::kFork, nullptr, static_cast<uint64_t>(pid), 0, site);
    errno = err;
  }
  return pid;
}

// Runs `exec` with the trace finished; if it returns, the trace goes on.
template <typename ExecFn>
int Exec(ExecFn exec) {
  FinishForExec();
  int rc = exec();
  int err = errno;
  ResumeAfterFailedExec();
  errno = err;
  return rc;
}

// argv for the variadic execl* forms, on the stack.
constexpr int kMaxExeclArgs = 4096;

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(pid_t, fork, void) { return Fork(); }
INTERCEPTOR(pid_t, vfork, void) { return Fork(); }

INTERCEPTOR(int, execve, const char* path, char* const argv[], char* const envp[]) {
  return Exec([&] { return REAL(execve)(path, argv, envp); });
}
INTERCEPTOR(int, execv, const char* path, char* const argv[]) {
  return Exec([&] { return REAL(execv)(path, argv); });
}
INTERCEPTOR(int, execvp, const char* file, char* const argv[]) {
  return Exec([&] { return REAL(execvp)(file, argv); });
}
INTERCEPTOR(int, execvpe, const char* file, char* const argv[], char* const envp[]) {
  return Exec([&] { return REAL(execvpe)(file, argv, envp); });
}
INTERCEPTOR(int, fexecve, int fd, char* const argv[], char* const envp[]) {
  return Exec([&] { return REAL(fexecve)(fd, argv, envp); });
}
INTERCEPTOR(int, execveat, int dirfd, const char* path, char* const argv[], char* const envp[], int flags) {
  return Exec([&] { return REAL(execveat)(dirfd, path, argv, envp, flags); });
}

#define CCSP_COLLECT_ARGS(first, ap, argv, extra)                           \
  const char* argv[kMaxExeclArgs];                                         \
  int argc_ = 0;                                                           \
  argv[argc_++] = first;                                                   \
  while (argv[argc_ - 1] && argc_ < kMaxExeclArgs) argv[argc_++] = va_arg(ap, const char*); \
  if (argv[argc_ - 1]) {                                                   \
    va_end(ap);                                                            \
    errno = E2BIG;                                                         \
    return -1;                                                             \
  }                                                                        \
  extra;                                                                   \
  va_end(ap)

INTERCEPTOR(int, execl, const char* path, const char* arg, ...) {
  va_list ap;
  va_start(ap, arg);
  CCSP_COLLECT_ARGS(arg, ap, argv, (void)0);
  return execve(path, const_cast<char* const*>(argv), environ);
}

INTERCEPTOR(int, execlp, const char* file, const char* arg, ...) {
  va_list ap;
  va_start(ap, arg);
  CCSP_COLLECT_ARGS(arg, ap, argv, (void)0);
  return execvp(file, const_cast<char* const*>(argv));
}

INTERCEPTOR(int, execle, const char* path, const char* arg, ...) {
  va_list ap;
  va_start(ap, arg);
  CCSP_COLLECT_ARGS(arg, ap, argv, char* const* envp = va_arg(ap, char* const*));
  return execve(path, const_cast<char* const*>(argv), envp);
}
