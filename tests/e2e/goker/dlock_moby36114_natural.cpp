// GoKer moby#36114 (double locking), NATURAL schedule: the bug does not depend on timing, so
// the natural run manifests it too. Here main waits for the task, as the test does: every
// task is asleep, the watchdog stops the program, and the cycle is reported from that moment.
// EXPECT: all-asleep 19 27
// EXPECT: misuse double-lock 19
// EXPECT: deadlock actual 19
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
  auto* svm = new ServiceVM;
  std::thread vm([svm] { svm->hot_add_vhds_at_start(); });
  vm.join();  // (J) waits for a task that waits for itself
}
