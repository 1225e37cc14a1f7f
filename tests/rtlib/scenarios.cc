// Scenario program for the runtime tests: linked with libccsp_rt (no pass), it calls the ABI
// directly and uses real pthread/libc primitives. `scenarios <name>` runs one scenario; the
// test driver (primitives_test.cc, process_test.cc) checks the trace it leaves.
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "ccsp/abi.h"
#include "trace/format.h"

using namespace ccsp::trace;

extern "C" __thread uint32_t __ccsp_callsite __attribute__((tls_model("initial-exec")));

namespace {

// A fake module site table, as the pass would emit it.
const ccsp_site_entry kSites[] = {
    {"main", "scenarios.cc", 10, 1, 0, CCSP_SITE_FUNCTION},    // 0
    {"worker(int)", "scenarios.cc", 20, 1, 0, CCSP_SITE_FUNCTION},  // 1
    {"main", "scenarios.cc", 11, 5, 0, 0},                      // 2: call of worker
    {"worker(int)", "scenarios.cc", 21, 7, 0, 0},               // 3: an access
    {"helper()", "scenarios.cc", 30, 3, 3, 0},                  // 4: inlined into local site 2
    {"worker(int)", "scenarios.cc", 22, 9, 0, 0},               // 5: lock call in worker
    {"leaf()", "scenarios.cc", 40, 1, 0, CCSP_SITE_FUNCTION},   // 6
};
int g_global = 0;
const ccsp_global_entry kGlobals[] = {{&g_global, sizeof g_global, "g_global", "scenarios.cc", 5, 0}};
uint32_t base = 0;

uint32_t S(uint32_t local) { return base + local; }
void Register() { __ccsp_register_module(kSites, 7, kGlobals, 1, "scenarios.o", &base); }

void Call(uint32_t callsite) { __ccsp_callsite = callsite; }

int AbiBasic() {
  alignas(16) static char buf[64];
  __ccsp_func_entry(S(0));                      // main (frame 0)
  Call(S(2));
  __ccsp_func_entry(S(6));                      // leaf() records nothing: no trace bytes
  __ccsp_func_exit();
  Call(S(2));
  __ccsp_func_entry(S(1));                      // worker: one access -> Enter main, Enter worker
  __ccsp_write4(buf, S(3));
  __ccsp_write4(buf, S(3));                     // filtered (same epoch)
  __ccsp_read4(buf, S(3));                      // filtered (covered by the write)
  __ccsp_read8(buf + 8, S(3));
  __ccsp_read8(buf + 8, S(3));                  // filtered
  __ccsp_sync(static_cast<uint32_t>(SyncKind::kRelease), buf, 0, 0);  // new epoch
  __ccsp_read4(buf, S(3));                      // recorded again
  __ccsp_write_range(buf, 40, S(3));
  __ccsp_read_range(buf, 0, S(3));              // nothing
  __ccsp_func_exit();                           // Exit worker
  __ccsp_func_exit();                           // Exit main
  return 0;
}

int Ignore() {
  static int x;
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  __ccsp_ignore_begin();
  __ccsp_write4(&x, 0);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  __ccsp_sync(static_cast<uint32_t>(SyncKind::kAcquire), &x, 1, 2);  // always recorded
  __ccsp_ignore_end();
  __ccsp_write4(&x, 0);
  return 0;
}

int Mutex() {
  pthread_mutex_t m;
  pthread_mutex_init(&m, nullptr);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  if (pthread_mutex_trylock(&m) == 0) pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m);
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t r;
  pthread_mutex_init(&r, &a);
  pthread_mutex_lock(&r);
  pthread_mutex_lock(&r);
  pthread_mutex_unlock(&r);
  pthread_mutex_unlock(&r);
  printf("%p %p\n", static_cast<void*>(&m), static_cast<void*>(&r));
  return 0;
}

// Misuse the runtime records (the program goes on): relock of an error-checking mutex,
// unlock of an unlocked one, destroy of a locked one.
int MutexMisuse() {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t m;
  pthread_mutex_init(&m, &a);
  pthread_mutex_lock(&m);
  int relock = pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  int unlock = pthread_mutex_unlock(&m);
  pthread_mutex_t n = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&n);
  int destroy = pthread_mutex_destroy(&n);
  return relock == EDEADLK && unlock == EPERM && destroy == EBUSY ? 0 : 1;
}

pthread_mutex_t g_m = PTHREAD_MUTEX_INITIALIZER;

void* Worker(void* arg) {
  __ccsp_func_entry(S(1));
  Call(S(5));
  pthread_mutex_lock(&g_m);
  __ccsp_write4(&g_global, S(3));
  pthread_mutex_unlock(&g_m);
  __ccsp_func_exit();
  return arg;
}

int Threads() {
  pthread_t a, b;
  pthread_mutex_lock(&g_m);  // the workers wait: `a` is alive when it gets its name
  pthread_create(&a, nullptr, Worker, nullptr);
  pthread_create(&b, nullptr, Worker, nullptr);
  pthread_setname_np(a, "worker-a");
  pthread_mutex_unlock(&g_m);
  pthread_join(a, nullptr);
  pthread_detach(b);
  usleep(100 * 1000);
  return 0;
}

void* ExitWorker(void*) {
  pthread_exit(nullptr);
}

int ThreadExit() {
  pthread_t a;
  pthread_create(&a, nullptr, ExitWorker, nullptr);
  pthread_join(a, nullptr);
  return 0;
}

int Contention() {
  pthread_mutex_lock(&g_m);
  pthread_t a;
  pthread_create(&a, nullptr, Worker, nullptr);
  usleep(200 * 1000);  // the worker blocks on g_m
  pthread_mutex_unlock(&g_m);
  pthread_join(a, nullptr);
  return 0;
}

int RwSpin() {
  pthread_rwlock_t rw;
  pthread_rwlock_init(&rw, nullptr);
  pthread_rwlock_rdlock(&rw);
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_wrlock(&rw);
  if (pthread_rwlock_tryrdlock(&rw) != 0) {
  }
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_destroy(&rw);
  pthread_spinlock_t s;
  pthread_spin_init(&s, 0);
  pthread_spin_lock(&s);
  pthread_spin_unlock(&s);
  pthread_spin_destroy(&s);
  return 0;
}

pthread_cond_t g_c = PTHREAD_COND_INITIALIZER;
bool g_ready = false;

void* Signaller(void*) {
  usleep(50 * 1000);
  pthread_mutex_lock(&g_m);
  g_ready = true;
  pthread_cond_signal(&g_c);
  pthread_mutex_unlock(&g_m);
  return nullptr;
}

int Cond() {
  pthread_t a;
  pthread_create(&a, nullptr, Signaller, nullptr);
  pthread_mutex_lock(&g_m);
  while (!g_ready) pthread_cond_wait(&g_c, &g_m);
  pthread_mutex_unlock(&g_m);
  pthread_join(a, nullptr);
  return 0;
}

pthread_barrier_t g_b;
void* BarrierWorker(void*) {
  pthread_barrier_wait(&g_b);
  return nullptr;
}

int Barrier() {
  pthread_barrier_init(&g_b, nullptr, 2);
  pthread_t a;
  pthread_create(&a, nullptr, BarrierWorker, nullptr);
  pthread_barrier_wait(&g_b);
  pthread_join(a, nullptr);
  pthread_barrier_destroy(&g_b);
  return 0;
}

pthread_once_t g_once = PTHREAD_ONCE_INIT;
int g_once_runs = 0;
void OnceInit() { ++g_once_runs; }

int& LocalStatic() {
  static int value = [] { return getpid() > 0 ? 42 : 0; }();
  return value;
}

int Once() {
  pthread_once(&g_once, OnceInit);
  pthread_once(&g_once, OnceInit);
  int v = LocalStatic() + LocalStatic();
  return v == 84 && g_once_runs == 1 ? 0 : 1;
}

int Sem() {
  sem_t s;
  sem_init(&s, 0, 1);
  sem_wait(&s);
  errno = 0;
  int rc = sem_trywait(&s);
  int err = errno;
  sem_post(&s);
  sem_wait(&s);
  sem_destroy(&s);
  return rc == -1 && err == EAGAIN ? 0 : 1;  // errno survives recording
}

// Keeps the compiler from eliding allocation pairs (it may, even for malloc/free).
template <typename T>
T* Escape(T* p) {
  asm volatile("" : : "r"(p) : "memory");
  return p;
}

int Malloc() {
  void* a = Escape(malloc(24));
  void* b = Escape(calloc(4, 8));
  a = Escape(realloc(a, 4096));
  void* c = nullptr;
  if (posix_memalign(&c, 64, 100) != 0) return 1;
  free(Escape(c));
  free(a);
  free(b);
  int* n = Escape(new int(3));
  delete Escape(n);
  int* arr = Escape(new int[10]);
  delete[] Escape(arr);
  return 0;
}

int Atomics() {
  static std::atomic<int> x{0};
  auto ko = [](AtomicKind k, MemOrder o) { return static_cast<uint32_t>(k) << 4 | static_cast<uint32_t>(o); };
  __ccsp_atomic_begin(&x);
  x.store(1, std::memory_order_release);
  __ccsp_atomic_end(&x, ko(AtomicKind::kStore, MemOrder::kRelease), 4, S(3));
  __ccsp_atomic_begin(&x);
  int v = x.load(std::memory_order_acquire);
  __ccsp_atomic_end(&x, ko(AtomicKind::kLoad, MemOrder::kAcquire), 4, S(3));
  __ccsp_atomic_begin(&x);
  x.fetch_add(1, std::memory_order_relaxed);
  __ccsp_atomic_end(&x, ko(AtomicKind::kRmw, MemOrder::kRelaxed), 4, S(3));
  int expected = 5;
  __ccsp_atomic_begin(&x);
  bool ok = x.compare_exchange_strong(expected, 6, std::memory_order_seq_cst, std::memory_order_acquire);
  __ccsp_atomic_end(&x, ko(ok ? AtomicKind::kCasOk : AtomicKind::kCasFail, ok ? MemOrder::kSeqCst : MemOrder::kAcquire), 4,
                    S(3));
  std::atomic_thread_fence(std::memory_order_seq_cst);
  __ccsp_atomic_fence(ko(AtomicKind::kFence, MemOrder::kSeqCst), S(3));
  return v == 1 ? 0 : 1;
}

int Events(int n) {
  static char buf[1 << 16];
  for (int i = 0; i < n; ++i) {
    __ccsp_write4(buf + (i % 1000) * 16, S(3));
    if (i % 100 == 0) __ccsp_sync(static_cast<uint32_t>(SyncKind::kRelease), buf, i, 0);
  }
  return 0;
}

// Access runs (kOpRun): contiguous accesses of one site and kind become one Run record after
// the first element's Access; a sync event, a gap, another site or a written frame ends one.
// Prints the arrays' addresses for the test.
int Runs() {
  alignas(16) static double a[32], b[32], c[32], d[32], e[32];
  __ccsp_func_entry(S(0));
  for (int i = 0; i < 32; ++i) {          // two streams at two sites, interleaved
    __ccsp_read8(&a[i], S(3));
    __ccsp_write8(&b[i], S(4));
  }
  __ccsp_sync(static_cast<uint32_t>(SyncKind::kRelease), a, 0, 0);
  for (int i = 0; i < 20; ++i) {          // a gap after 10 elements
    int k = i < 10 ? i : i + 5;
    __ccsp_read4(reinterpret_cast<char*>(c) + 4 * k, S(3));
  }
  for (int i = 0; i < 8; ++i) {           // a sync event in the middle
    if (i == 4) __ccsp_sync(static_cast<uint32_t>(SyncKind::kRelease), a, 1, 0);
    __ccsp_read8(&d[i], S(3));
  }
  for (int i = 0; i < 8; ++i)             // another site for the second half
    __ccsp_read8(&e[i], i < 4 ? S(3) : S(5));
  for (int i = 8; i < 16; ++i) {          // a call that records (frames written) in the middle
    if (i == 12) {
      Call(S(2));
      __ccsp_func_entry(S(6));
      __ccsp_write4(&g_global, S(4));
      __ccsp_func_exit();
    }
    __ccsp_read8(&e[i], S(3));
  }
  __ccsp_func_exit();
  printf("%p %p %p %p %p\n", static_cast<void*>(a), static_cast<void*>(b), static_cast<void*>(c),
         static_cast<void*>(d), static_cast<void*>(e));
  fflush(stdout);
  return 0;
}

// A run still growing when the program is killed: its count in the trace covers every element
// recorded before the kill.
int RunKilled() {
  static uint16_t a[5000];
  printf("%p\n", static_cast<void*>(a));
  fflush(stdout);
  for (int i = 0; i < 5000; ++i) __ccsp_write2(&a[i], S(3));
  kill(getpid(), SIGKILL);
  return 1;
}

pthread_mutex_t g_a = PTHREAD_MUTEX_INITIALIZER, g_b2 = PTHREAD_MUTEX_INITIALIZER;
sem_t g_step;

void* LockBA(void*) {
  __ccsp_func_entry(S(1));
  pthread_mutex_lock(&g_b2);
  sem_post(&g_step);
  Call(S(5));
  pthread_mutex_lock(&g_a);
  __ccsp_func_exit();
  return nullptr;
}

int Deadlock() {
  __ccsp_func_entry(S(0));
  sem_init(&g_step, 0, 0);
  pthread_mutex_lock(&g_a);
  pthread_t t;
  Call(S(2));
  pthread_create(&t, nullptr, LockBA, nullptr);
  sem_wait(&g_step);
  Call(S(2));
  pthread_mutex_lock(&g_b2);  // never returns
  return 0;
}

void* BlockOnA(void*) {
  pthread_mutex_lock(&g_a);
  return nullptr;
}

int JoinBlocked() {
  pthread_mutex_lock(&g_a);
  pthread_t t;
  pthread_create(&t, nullptr, BlockOnA, nullptr);
  pthread_join(t, nullptr);  // never returns
  return 0;
}

int MainReturnsBlocked() {
  pthread_mutex_lock(&g_a);
  pthread_t t;
  pthread_create(&t, nullptr, BlockOnA, nullptr);
  usleep(100 * 1000);
  return 0;  // the worker is still blocked: the process ends like a Go program
}

void* TimedWaiter(void*) {
  pthread_mutex_lock(&g_m);
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += 1;
  pthread_cond_timedwait(&g_c, &g_m, &ts);  // nobody signals: times out
  pthread_mutex_unlock(&g_m);
  return nullptr;
}

int TimedQuiet() {
  sem_init(&g_step, 0, 0);
  pthread_t t;
  pthread_create(&t, nullptr,
                 [](void*) -> void* {
                   TimedWaiter(nullptr);
                   sem_post(&g_step);
                   return nullptr;
                 },
                 nullptr);
  sem_wait(&g_step);  // untimed, but the other task is in a timed wait: no fatal error
  pthread_join(t, nullptr);
  return 0;
}

volatile sig_atomic_t g_handled = 0;
int g_in_handler = 0;
sigjmp_buf g_jump;

void OnUsr1(int) {
  __ccsp_write4(&g_in_handler, S(3));  // suppressed: a handler must not write the stream
  g_handled = g_handled + 1;
}

void OnUsr2(int) { siglongjmp(g_jump, 1); }

int Signals() {
  static int after;
  if (signal(SIGUSR1, OnUsr1) == SIG_ERR) return 1;
  struct sigaction old = {};
  struct sigaction act = {};
  act.sa_handler = OnUsr1;
  if (sigaction(SIGUSR1, &act, &old) != 0 || old.sa_handler != OnUsr1) return 2;  // round trip
  raise(SIGUSR1);
  signal(SIGUSR2, OnUsr2);
  if (sigsetjmp(g_jump, 1) == 0) raise(SIGUSR2);
  __ccsp_write4(&after, S(3));  // recorded again after the longjmp out of the handler
  printf("%p %p\n", static_cast<void*>(&g_in_handler), static_cast<void*>(&after));
  return g_handled == 1 ? 0 : 3;
}

// A process-shared semaphore posted by another process: the watchdog must stay quiet.
int PsharedSem() {
  auto* s = static_cast<sem_t*>(mmap(nullptr, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  sem_init(s, 1, 0);
  pid_t pid = fork();
  if (pid == 0) {
    usleep(300 * 1000);
    sem_post(s);
    _exit(0);
  }
  sem_wait(s);
  waitpid(pid, nullptr, 0);
  return 0;
}

int Fork() {
  Events(100);
  pid_t pid = fork();
  if (pid == 0) {
    Events(50);
    _exit(0 + (Events(10), 0));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  printf("child %d\n", pid);
  fflush(stdout);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int ForkExit() {
  pid_t pid = fork();
  if (pid == 0) {
    Events(20);
    exit(5);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  printf("child %d\n", pid);
  fflush(stdout);
  return WIFEXITED(status) && WEXITSTATUS(status) == 5 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Register();
  if (argc < 2) return 100;
  std::string s = argv[1];
  if (s == "abi_basic") return AbiBasic();
  if (s == "ignore") return Ignore();
  if (s == "mutex") return Mutex();
  if (s == "mutex_misuse") return MutexMisuse();
  if (s == "threads") return Threads();
  if (s == "thread_exit") return ThreadExit();
  if (s == "contention") return Contention();
  if (s == "rw_spin") return RwSpin();
  if (s == "cond") return Cond();
  if (s == "barrier") return Barrier();
  if (s == "once") return Once();
  if (s == "sem") return Sem();
  if (s == "malloc") return Malloc();
  if (s == "atomics") return Atomics();
  if (s == "exit_status") {
    Events(10);
    exit(7);
  }
  if (s == "sigkill") {
    Events(100000);
    kill(getpid(), SIGKILL);
  }
  if (s == "underscore_exit") {
    Events(1000);
    _exit(3);
  }
  if (s == "abort") {
    Events(1000);
    abort();
  }
  if (s == "segv") {
    Events(1000);
    volatile int* p = nullptr;
    *p = 1;
  }
  if (s == "deadlock") return Deadlock();
  if (s == "join_blocked") return JoinBlocked();
  if (s == "main_returns_blocked") return MainReturnsBlocked();
  if (s == "timed_quiet") return TimedQuiet();
  if (s == "panic") {
    __ccsp_func_entry(S(0));
    Call(S(2));
    __ccsp_panic(static_cast<uint32_t>(MisuseKind::kPanic), "something went wrong");
  }
  if (s == "fork") return Fork();
  if (s == "signals") return Signals();
  if (s == "pshared_sem") return PsharedSem();
  if (s == "fork_exit") return ForkExit();
  if (s == "exec") {
    Events(10);
    execl("/bin/true", "true", static_cast<char*>(nullptr));
    return 9;
  }
  if (s == "clock") {
    auto rel = [] { __ccsp_sync(static_cast<uint32_t>(SyncKind::kRelease), nullptr, 0, 0); };
    rel();
    usleep(60 * 1000);  // past the clock's calibration point
    rel();
    rel();
    usleep(300 * 1000);
    rel();
    return 0;
  }
  if (s == "events") return Events(argc > 2 ? atoi(argv[2]) : 1000);
  if (s == "runs") return Runs();
  if (s == "run_killed") return RunKilled();
  return 100;
}
