// GoKer moby#4951 (AB-BA). DeviceSet::delete_device holds the global devices lock, then the
// device's own lock; while the kernel removes the device it drops the global lock and takes
// it back, still holding the device lock. Two deletes of one device: the second takes the
// global lock and waits for the device lock; the first, back from waiting, waits for the
// global lock. FORCED: the second delete arrives while the first is waiting for the kernel.
// EXPECT: deadlock actual 33 38
// TSAN-DIFFERS: TSan has no wait-for cycle check; it reports the blocked acquisitions' order
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

using namespace std::chrono_literals;

struct DevInfo {
  std::mutex lock;
  int open_count = 0;
};

struct DeviceSet {
  std::mutex mu;  // the global devices lock
  std::map<std::string, DevInfo*> infos;
  std::chrono::milliseconds removal_time;
  std::atomic<bool> removing{false};  // forcing only

  void remove_device_and_wait(DevInfo* info) {
    info->open_count = 0;
    mu.unlock();  // let other device operations run while the kernel removes the device
    removing = true;
    std::this_thread::sleep_for(removal_time);
    mu.lock();  // (A) the global lock, still holding the device lock
  }
  void delete_device(const std::string& hash) {
    std::lock_guard<std::mutex> g(mu);
    DevInfo* info = infos.at(hash);
    std::lock_guard<std::mutex> l(info->lock);  // (B) the device lock, holding the global lock
    remove_device_and_wait(info);
  }
};

int main() {
  auto* devices = new DeviceSet;  // shared with the tasks for the life of the process, as in Go
  devices->infos["info1"] = new DevInfo;
  devices->removal_time = 50ms;
  std::thread([devices] { devices->delete_device("info1"); }).detach();
  while (!devices->removing) std::this_thread::sleep_for(1ms);  // forcing: the first delete
  // is waiting for the kernel
  std::thread([devices] { devices->delete_device("info1"); }).detach();
  std::this_thread::sleep_for(100ms);  // both are stuck by now
}
