// Signal handlers run with recording suppressed: a handler may interrupt this thread in the
// middle of writing a record, so it must not write into the same chunk. sigaction/signal
// install a trampoline that brackets the user's handler; longjmp out of a handler ends the
// suppression it started. (Events inside handlers are therefore not in the trace.)
#include <errno.h>
#include <setjmp.h>
#include <signal.h>

#include <atomic>

#include "interceptor.h"
#include "record.h"

extern "C" void __longjmp_chk(jmp_buf env, int val) __attribute__((noreturn));

namespace ccsp::rt {
namespace {

CCSP_REAL_DEF(sigaction);
CCSP_REAL_DEF(longjmp);
CCSP_REAL_DEF(_longjmp);
CCSP_REAL_DEF(siglongjmp);
CCSP_REAL_DEF(__longjmp_chk);

constexpr int kMaxSig = 65;
struct Slot {
  std::atomic<uintptr_t> handler{0};  // the user's sa_handler / sa_sigaction
  std::atomic<int> siginfo{0};        // the user asked for SA_SIGINFO
};
constinit Slot g_slots[kMaxSig];

void Trampoline(int sig, siginfo_t* info, void* ctx) {
  TaskState& t = Cur();
  ++t.suppress;
  ++t.signal_depth;
  uintptr_t h = g_slots[sig].handler.load(std::memory_order_acquire);
  if (g_slots[sig].siginfo.load(std::memory_order_relaxed))
    reinterpret_cast<void (*)(int, siginfo_t*, void*)>(h)(sig, info, ctx);
  else
    reinterpret_cast<void (*)(int)>(h)(sig);
  --t.signal_depth;
  --t.suppress;
}

bool Wrappable(uintptr_t h) {
  return h != reinterpret_cast<uintptr_t>(SIG_DFL) && h != reinterpret_cast<uintptr_t>(SIG_IGN);
}

void EndSignalSuppression() {
  TaskState& t = Cur();
  t.suppress -= t.signal_depth;
  t.signal_depth = 0;
}

}  // namespace
}  // namespace ccsp::rt

using namespace ccsp::rt;

INTERCEPTOR(int, sigaction, int sig, const struct sigaction* act, struct sigaction* old) {
  if (sig <= 0 || sig >= kMaxSig) return REAL(sigaction)(sig, act, old);
  uintptr_t prev_handler = g_slots[sig].handler.load();
  int prev_siginfo = g_slots[sig].siginfo.load();
  struct sigaction mine;
  const struct sigaction* pass = act;
  if (act) {
    auto h = reinterpret_cast<uintptr_t>(act->sa_handler);
    bool siginfo = act->sa_flags & SA_SIGINFO;
    if (siginfo) h = reinterpret_cast<uintptr_t>(act->sa_sigaction);
    if (Wrappable(h)) {
      g_slots[sig].siginfo.store(siginfo);
      g_slots[sig].handler.store(h, std::memory_order_release);
      mine = *act;
      mine.sa_sigaction = Trampoline;
      mine.sa_flags |= SA_SIGINFO;
      pass = &mine;
    }
  }
  int rc = REAL(sigaction)(sig, pass, old);
  if (rc == 0 && old && (old->sa_flags & SA_SIGINFO) && old->sa_sigaction == Trampoline) {
    if (prev_siginfo) {
      old->sa_sigaction = reinterpret_cast<void (*)(int, siginfo_t*, void*)>(prev_handler);
    } else {
      old->sa_handler = reinterpret_cast<void (*)(int)>(prev_handler);
      old->sa_flags &= ~SA_SIGINFO;
    }
  }
  return rc;
}

// glibc's signal() has BSD semantics: SA_RESTART, handler stays installed.
INTERCEPTOR(sighandler_t, signal, int sig, sighandler_t handler) {
  struct sigaction act = {}, old = {};
  act.sa_handler = handler;
  sigemptyset(&act.sa_mask);
  sigaddset(&act.sa_mask, sig);
  act.sa_flags = SA_RESTART;
  if (sigaction(sig, &act, &old) != 0) return SIG_ERR;
  return old.sa_handler;
}

INTERCEPTOR(void, longjmp, jmp_buf env, int val) {
  EndSignalSuppression();
  REAL(longjmp)(env, val);
  __builtin_unreachable();
}

INTERCEPTOR(void, _longjmp, jmp_buf env, int val) {
  EndSignalSuppression();
  REAL(_longjmp)(env, val);
  __builtin_unreachable();
}

INTERCEPTOR(void, siglongjmp, sigjmp_buf env, int val) {
  EndSignalSuppression();
  REAL(siglongjmp)(env, val);
  __builtin_unreachable();
}

INTERCEPTOR(void, __longjmp_chk, jmp_buf env, int val) {
  EndSignalSuppression();
  REAL(__longjmp_chk)(env, val);
  __builtin_unreachable();
}
