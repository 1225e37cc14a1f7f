// selfdeadlock, positive: a std::mutex (or shared_mutex) locked again while this function
// holds it on every path: lock() after a guard, a second guard, lock_shared under lock.
#include <cstdio>
#include <mutex>
#include <shared_mutex>

std::mutex g_mu;
int g_count = 0;

void Twice() {
  g_mu.lock();
  ++g_count;
  g_mu.lock();  // VET: selfdeadlock
  g_mu.unlock();
}

class Counter {
 public:
  void Add(int n) {
    std::lock_guard<std::mutex> lock(mu_);
    total_ += n;
    if (total_ > 100) {
      std::unique_lock<std::mutex> again(mu_);  // VET: selfdeadlock
      total_ = 0;
    }
  }
  int Read() {
    std::shared_lock reader(rw_);
    std::unique_lock writer(rw_);  // VET: selfdeadlock
    return total_;
  }

 private:
  std::mutex mu_;
  std::shared_mutex rw_;
  int total_ = 0;
};

void Local() {
  std::mutex m;
  std::unique_lock<std::mutex> lk(m);
  std::printf("locked\n");
  m.lock();  // VET: selfdeadlock
}

void Scoped(std::mutex& a, std::mutex& b) {
  std::lock_guard first(a);
  std::scoped_lock both(a, b);  // VET: selfdeadlock
}

int main() {
  Twice();
  Counter c;
  c.Add(1);
  c.Read();
  Local();
  std::mutex a, b;
  Scoped(a, b);
}
