// GoKer moby#17176 (double locking: a missing unlock), FIXED as upstream did: the early
// return releases the lock. The test's done channel has room for the answer, so a lock that
// comes after the timeout cannot leave the task blocked either. Run as the forced schedule.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <mutex>

using namespace std::chrono_literals;

struct DeviceSet {
  std::mutex mu;
  int nr_deleted_devices = 0;
  bool cleanup_deleted_devices() {
    std::lock_guard<std::mutex> g(mu);
    if (nr_deleted_devices == 0) return false;
    nr_deleted_devices = 0;
    return true;
  }
};

int main() {
  auto* ds = new DeviceSet;
  ds->cleanup_deleted_devices();
  ccsp::chan<bool> done(1);
  ccsp::go([ds, done] {
    std::lock_guard<std::mutex> g(ds->mu);
    done.send(true);
  });
  ccsp::select(ccsp::recv_case(ccsp::after(100ms)), ccsp::recv_case(done));
  ds->cleanup_deleted_devices();
}
