// selfdeadlock through calls, negative: the callee locks only after a branch, the caller
// unlocks first, the callee locks a different object's mutex, a helper that may unlock, and a
// callee that drops the held lock and takes it back.
#include <chrono>
#include <mutex>
#include <thread>

class Cache {
 public:
  void Refresh() {
    std::unique_lock<std::mutex> lock(mu_);
    lock.unlock();
    Evict();
    lock.lock();
    MaybeEvict(false);
  }
  void Evict() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_ = 0;
  }
  void MaybeEvict(bool really) {
    if (!really) return;
    std::lock_guard<std::mutex> lock(mu_);
    entries_ = 0;
  }
  void Swap(Cache& other) {
    std::lock_guard<std::mutex> lock(mu_);
    other.Evict();
  }
  void Backoff() {
    ++entries_;
    mu_.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    mu_.lock();
  }
  void Retry() {
    std::lock_guard<std::mutex> lock(mu_);
    Backoff();
  }
  void Reenter() {
    mu_.lock();
    Release();
    mu_.lock();
    mu_.unlock();
  }

 private:
  void Release() { mu_.unlock(); }
  std::mutex mu_;
  int entries_ = 0;
};

int main() {
  Cache a, b;
  a.Refresh();
  a.Swap(b);
  a.Reenter();
  a.Retry();
}
