// GoKer moby#17176 (double locking: a missing unlock). DeviceSet::cleanup_deleted_devices
// takes the devices lock and, when there is nothing to clean up, returns without releasing
// it. A device operation in another task then waits for the lock forever, and the next
// cleanup locks it again in the same task. FORCED: the test waits 100 ms (a timer) for the
// device operation, then the periodic cleanup runs again in main: every task is asleep,
// though a timer was used (the timer thread is the runtime's own and never counts).
// EXPECT: all-asleep 20 33
// EXPECT: misuse double-lock 20
// EXPECT: deadlock actual 20
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>

using namespace std::chrono_literals;

struct DeviceSet {
  std::mutex mu;
  int nr_deleted_devices = 0;
  bool cleanup_deleted_devices() {
    mu.lock();  // (A) the second cleanup: mu is still held by the first
    if (nr_deleted_devices == 0) return false;  // the bug: returns holding mu
    nr_deleted_devices = 0;
    mu.unlock();
    return true;
  }
};

int main() {
  auto* ds = new DeviceSet;  // shared with the task for the life of the process
  ds->cleanup_deleted_devices();
  ccsp::chan<bool> done;
  ccsp::go([ds, done] {
    std::lock_guard<std::mutex> g(ds->mu);  // (B) held by main since the first cleanup
    done.send(true);
  });
  ccsp::select(ccsp::recv_case(ccsp::after(100ms)), ccsp::recv_case(done));
  ds->cleanup_deleted_devices();
}
