// GoKer moby#17176 (double locking: a missing unlock), NATURAL run: GoKer's own test. Having
// nothing to clean up is the usual case, so the bug needs no bad luck: the device operation
// waits for the lock forever, the test gives up after its timeout and returns, and the
// waiting task is leaked at exit.
// EXPECT: leak 29
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>

using namespace std::chrono_literals;

struct DeviceSet {
  std::mutex mu;
  int nr_deleted_devices = 0;
  bool cleanup_deleted_devices() {
    mu.lock();
    if (nr_deleted_devices == 0) return false;  // the bug: returns holding mu
    nr_deleted_devices = 0;
    mu.unlock();
    return true;
  }
};

int main() {
  auto* ds = new DeviceSet;
  ds->cleanup_deleted_devices();
  ccsp::chan<bool> done;
  ccsp::go([ds, done] {
    std::lock_guard<std::mutex> g(ds->mu);  // (B) held by main, never released
    done.send(true);
  });
  ccsp::select(ccsp::recv_case(ccsp::after(100ms)), ccsp::recv_case(done));
}
