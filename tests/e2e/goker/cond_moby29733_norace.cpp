// GoKer moby#29733 (condition variable), FIXED as upstream did: registering a handler no
// longer deactivates running plugins. Run in the forced schedule.
// EXPECT: nothing
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

struct Plugin {
  std::mutex mu;
  std::condition_variable activate_wait;
  bool activated = false;
  void wait_active() {
    std::unique_lock<std::mutex> lock(mu);
    while (!activated) activate_wait.wait(lock);
  }
  void activate() {
    std::lock_guard<std::mutex> g(mu);
    activated = true;
    activate_wait.notify_all();
  }
};

struct Registry {
  std::mutex handlers_mu;
  std::map<int, Plugin*> plugins;
  int handlers = 0;
  void handle() {
    std::lock_guard<std::mutex> h(handlers_mu);
    handlers++;
  }
};

int main() {
  auto* registry = new Registry;
  auto* p = new Plugin;
  registry->plugins[0] = p;
  p->activate();
  p->wait_active();
  registry->handle();
  std::thread user([p] { p->wait_active(); });
  user.join();
}
