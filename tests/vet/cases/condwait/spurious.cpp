// condwait, positive: a wait without a predicate under an if and in no loop; a spurious
// wake-up returns before the condition holds.
#include <pthread.h>

#include <condition_variable>
#include <mutex>

std::mutex mu;
std::condition_variable cv;
std::condition_variable_any cv_any;
bool ready = false;

pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t pcv = PTHREAD_COND_INITIALIZER;

void Wait() {
  std::unique_lock<std::mutex> lk(mu);
  if (!ready) cv.wait(lk);  // VET: condwait
}

void WaitAny() {
  std::unique_lock<std::mutex> lk(mu);
  if (!ready) {
    cv_any.wait(lk);  // VET: condwait
  }
}

void WaitPosix() {
  pthread_mutex_lock(&pmu);
  if (!ready) pthread_cond_wait(&pcv, &pmu);  // VET: condwait
  pthread_mutex_unlock(&pmu);
}

int main() {
  ready = true;
  Wait();
  WaitAny();
  WaitPosix();
}
