// Start-up: options, trace file, metadata (arguments, options), the main task (id 1) and the
// exit handler. Shutdown: kProcessExit, stop every task, mark the file complete. Nothing here
// is a static constructor: all state is constant-initialized.
#include "init.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomics.h"
#include "common.h"
#include "cpu_profiler.h"
#include "meta_stream.h"
#include "options.h"
#include "record.h"
#include "task_registry.h"
#include "trace_file.h"
#include "watchdog.h"

namespace ccsp::rt {

pthread_key_t g_task_key;

namespace {

enum : int { kUninit = 0, kRunning = 1, kReady = 2 };
constinit std::atomic<int> g_state{kUninit};
constinit std::atomic<bool> g_finished{false};
constinit __thread bool t_initializing = false;
char** g_preinit_env = nullptr;

const char* FindEnv(const char* name) {
  if (!g_preinit_env) return getenv(name);
  size_t n = strlen(name);
  for (char** e = g_preinit_env; *e; ++e)
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  return nullptr;
}

void TaskKeyDestructor(void*) { EndTask(Cur()); }

void ExitHandler(int status, void*) {
  TaskState& t = Cur();
  if (t.phase == Phase::kActive && !(t.suppress & kSuppressStopped))
    WriteSync(t, SyncKind::kProcessExit, NextSeq(t), NowTs(), 0, static_cast<uint32_t>(status), 0, 0);
  FinishTrace(status);
}

[[noreturn]] void StartupError(const char* a, const char* b) {
  char data[1200];
  Buf m(data, sizeof data);
  m.Str(a).Str(b).Ch('\n');
  WriteStderr(m.data(), m.size());
  _exit(2);
}

bool OpenTrace(uint64_t fork_parent) {
  char path[1100];
  TracePathFor(g_options, static_cast<uint64_t>(getpid()), fork_parent != 0, path, sizeof path);
  if (!tracefile::Open(path, fork_parent)) {
    char data[1300];
    Buf m(data, sizeof data);
    m.Str("ccsp: error: cannot create trace file '").Str(path).Str("': ").Str(strerror(errno));
    StartupError(m.CStr(), "");
  }
  if (fork_parent) meta::RestartInChild();
  else meta::Start();
  tracefile::Header()->argc = meta::Args();
  WriteOptionsMeta(g_options);
  if (g_options.verbosity >= 1) {
    char data[1200];
    Buf m(data, sizeof data);
    m.Str("ccsp: recording to ").Str(path).Ch('\n');
    WriteStderr(m.data(), m.size());
  }
  return true;
}

void InitRuntime() {
  TaskState& t = Cur();
  ++t.suppress;  // nothing the runtime does while starting is recorded
  InitOptions(FindEnv("CCSP_OPTIONS"));
  OpenTrace(0);
  cpuprof::Init();
  CCSP_CHECK(pthread_key_create(&g_task_key, TaskKeyDestructor) == 0);
  on_exit(ExitHandler, nullptr);
  --t.suppress;
  TaskRecord* main_task = registry::NewTask(0, 0);
  registry::MapPthread(reinterpret_cast<uint64_t>(pthread_self()), main_task->id);
  StartTask(t, main_task, 0);
}

}  // namespace

bool Initialized() { return g_state.load(std::memory_order_acquire) == kReady; }

bool EnsureInit() {
  int s = g_state.load(std::memory_order_acquire);
  if (CCSP_LIKELY(s == kReady)) return true;
  if (t_initializing) return false;
  if (s == kUninit && g_state.compare_exchange_strong(s, kRunning, std::memory_order_acq_rel)) {
    t_initializing = true;
    InitRuntime();
    t_initializing = false;
    g_state.store(kReady, std::memory_order_release);
    return true;
  }
  while (g_state.load(std::memory_order_acquire) != kReady) sched_yield();
  return true;
}

void SetPreinitEnv(char** envp) { g_preinit_env = envp; }

void FinishTrace(int status) {
  if (g_finished.exchange(true)) return;
  tracefile::Stop();
  registry::KickAllTasks();
  tracefile::MarkComplete(status);
}

void FinishForExec() {
  if (!Initialized()) return;
  tracefile::MarkComplete(0);
}

void ResumeAfterFailedExec() {
  if (Initialized() && !g_finished.load()) tracefile::ClearComplete();
}

void BeforeFork() {
  registry::LockForFork();
  meta::LockForFork();
  tracefile::LockForFork();
}

void AfterForkParent() {
  tracefile::UnlockForFork();
  meta::UnlockForFork();
  registry::UnlockForFork();
}

void AfterForkChild(uint64_t parent_pid) {
  TaskState& t = Cur();
  tracefile::ResetLockInChild();
  registry::ResetInChild(t.record);
  watchdog::ResetInChild();
  ResetAtomicStripesInChild();
  ResetClockInChild();
  cpuprof::ResetInChild();
  ++t.suppress;
  OpenTrace(parent_pid);
  --t.suppress;
  if (t.record) registry::MapPthread(reinterpret_cast<uint64_t>(pthread_self()), t.id);
  RestartTaskInChild(t);
}

}  // namespace ccsp::rt
