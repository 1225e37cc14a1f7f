// GoKer moby#4951 (AB-BA), FIXED: one lock order, the device lock before the global lock
// (the lookup takes the global lock on its own first), so dropping and retaking the global
// lock while holding the device lock is consistent. Run in the forced schedule.
// EXPECT: nothing
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

  void remove_device_and_wait(DevInfo* info) {
    info->open_count = 0;
    mu.unlock();
    std::this_thread::sleep_for(removal_time);
    mu.lock();
  }
  void delete_device(const std::string& hash) {
    DevInfo* info;
    {
      std::lock_guard<std::mutex> g(mu);
      info = infos.at(hash);
    }
    std::lock_guard<std::mutex> l(info->lock);
    std::lock_guard<std::mutex> g(mu);
    remove_device_and_wait(info);
  }
};

int main() {
  auto* devices = new DeviceSet;
  devices->infos["info1"] = new DevInfo;
  devices->removal_time = 50ms;
  std::thread first([devices] { devices->delete_device("info1"); });
  std::this_thread::sleep_for(10ms);
  std::thread second([devices] { devices->delete_device("info1"); });
  first.join();
  second.join();
}
