// selfdeadlock, negative: unlocked in between, recursive mutexes, a guard that ended with its
// scope, unlock through unique_lock, defer_lock, correlated branches, a call that may unlock,
// a condition-variable wait, and lock/unlock in a loop.
#include <condition_variable>
#include <cstdio>
#include <mutex>

std::mutex g_mu;
std::recursive_mutex g_rmu;
std::condition_variable g_cv;
bool g_ready = false;

void ReleaseGlobal() { g_mu.unlock(); }

int main(int argc, char**) {
  g_mu.lock();
  g_mu.unlock();
  g_mu.lock();
  g_mu.unlock();

  g_rmu.lock();
  g_rmu.lock();
  g_rmu.unlock();
  g_rmu.unlock();

  {
    std::lock_guard<std::mutex> guard(g_mu);
  }
  std::lock_guard<std::mutex> outer(g_mu);
  {
    std::unique_lock<std::mutex> lk(g_mu, std::adopt_lock);
    lk.unlock();
    g_mu.lock();
    lk.release();
  }
  g_mu.unlock();

  std::unique_lock<std::mutex> deferred(g_mu, std::defer_lock);
  deferred.lock();
  deferred.unlock();
  g_mu.lock();
  g_mu.unlock();

  bool locked = false;
  if (argc > 1) {
    g_mu.lock();
    locked = true;
  }
  if (locked) g_mu.unlock();
  g_mu.lock();

  ReleaseGlobal();
  g_mu.lock();
  g_mu.unlock();

  {
    std::unique_lock<std::mutex> lk(g_mu);
    g_cv.wait(lk, [] { return g_ready; });
  }
  for (int i = 0; i < 3; ++i) {
    g_mu.lock();
    std::printf("%d\n", i);
    g_mu.unlock();
  }
  std::mutex m;
  if (m.try_lock()) m.unlock();
  m.lock();
  m.unlock();
}
