// GoKer moby#36114 (double locking). serviceVM::hot_add_vhds_at_start holds the VM's mutex
// and calls hot_remove_vhds_at_start, which locks the same mutex again: the task waits for
// itself. FORCED: nothing to force (every schedule takes the relock); main leaves the task
// to it and returns, so the one-task deadlock is reported at exit.
// EXPECT: misuse double-lock 22
// EXPECT: deadlock actual 22
// EXPECT: exit 0
// TSAN-DIFFERS: TSan reports the relock as a double lock and has no wait-for cycle check
#include <chrono>
#include <mutex>
#include <thread>

struct ServiceVM {
  std::mutex mu;
  int attached = 0;
  void hot_add_vhds_at_start() {
    std::lock_guard<std::mutex> g(mu);
    attached++;
    hot_remove_vhds_at_start();
  }
  void hot_remove_vhds_at_start() {
    std::lock_guard<std::mutex> g(mu);  // (A) mu is already held by this task
    attached--;
  }
};

int main() {
  auto* svm = new ServiceVM;  // shared with the task for the life of the process, as in Go
  std::thread([svm] { svm->hot_add_vhds_at_start(); }).detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the task is stuck by now
}
