// GoKer moby#36114 (double locking), FIXED as upstream did: the caller already holds the
// lock, so it calls a *_locked variant that expects the lock to be held.
// EXPECT: nothing
#include <mutex>
#include <thread>

struct ServiceVM {
  std::mutex mu;
  int attached = 0;
  void hot_add_vhds_at_start() {
    std::lock_guard<std::mutex> g(mu);
    attached++;
    hot_remove_vhds_at_start_locked();
  }
  void hot_remove_vhds_at_start_locked() { attached--; }  // mu held by the caller
};

int main() {
  auto* svm = new ServiceVM;
  std::thread vm([svm] { svm->hot_add_vhds_at_start(); });
  vm.join();
}
