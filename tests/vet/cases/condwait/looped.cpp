// condwait, negative: waits in while and do loops, the predicate overload, and a wrapper
// whose callers loop.
#include <pthread.h>

#include <condition_variable>
#include <mutex>

std::mutex mu;
std::condition_variable cv;
bool ready = true;
pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t pcv = PTHREAD_COND_INITIALIZER;

class CondVar {
 public:
  void Wait(std::unique_lock<std::mutex>& lk) { cv_.wait(lk); }

 private:
  std::condition_variable cv_;
};

int main() {
  std::unique_lock<std::mutex> lk(mu);
  while (!ready) cv.wait(lk);
  do {
    cv.wait(lk);
  } while (!ready);
  if (!ready) cv.wait(lk, [] { return ready; });
  CondVar c;
  while (!ready) c.Wait(lk);
  lk.unlock();
  pthread_mutex_lock(&pmu);
  while (!ready) pthread_cond_wait(&pcv, &pmu);
  pthread_mutex_unlock(&pmu);
}
