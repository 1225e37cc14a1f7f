// GoKer moby#4951 (AB-BA), NATURAL schedule: a device removal usually takes a moment and two
// deletes of one device rarely overlap (here the second waits for the first on a relaxed
// flag, timing only), so the run is lucky. Each delete took the device lock under the global
// lock and the global lock under the device lock: prediction reports the inversion.
// EXPECT: deadlock predicted 33 38
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> first_deleted{false};

struct DevInfo {
  std::mutex lock;
  int open_count = 0;
};

struct DeviceSet {
  std::mutex mu;  // the global devices lock
  std::map<std::string, DevInfo*> infos;
  std::chrono::milliseconds removal_time;

  void remove_device_and_wait(DevInfo* info) {
    info->open_count = 0;
    mu.unlock();  // let other device operations run while the kernel removes the device
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
  auto* devices = new DeviceSet;
  devices->infos["info1"] = new DevInfo;
  devices->removal_time = 1ms;
  std::thread first([devices] {
    devices->delete_device("info1");
    first_deleted.store(true, std::memory_order_relaxed);
  });
  std::thread second([devices] {
    while (!first_deleted.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    devices->delete_device("info1");
  });
  first.join();
  second.join();
}
