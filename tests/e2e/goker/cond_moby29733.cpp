// GoKer moby#29733 (condition variable). Registering an extension-point handler resets
// every plugin's activated flag (to re-run its handshake) but nothing activates the plugin
// again and nothing broadcasts: a later wait_active sleeps on the plugin's cond forever.
// FORCED: the handler registration comes before the second user's wait_active; main
// returns: a leaked task at exit.
// EXPECT: leak 21
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

struct Plugin {
  std::mutex mu;
  std::condition_variable activate_wait;
  bool activated = false;
  void wait_active() {
    std::unique_lock<std::mutex> lock(mu);
    while (!activated) activate_wait.wait(lock);  // (A) deactivated for good
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
  void handle() {  // registers a handler for an extension point
    std::lock_guard<std::mutex> h(handlers_mu);
    handlers++;
    for (auto& [id, p] : plugins) {
      std::lock_guard<std::mutex> g(p->mu);
      p->activated = false;  // the bug: deactivated, never reactivated
    }
  }
};

int main() {
  auto* registry = new Registry;  // shared with the tasks for the life of the process
  auto* p = new Plugin;
  registry->plugins[0] = p;
  p->activate();
  p->wait_active();    // the first user: active, returns at once
  registry->handle();  // forcing: the registration comes before the second user
  std::thread([p] { p->wait_active(); }).detach();
  std::this_thread::sleep_for(100ms);  // the second user is stuck by now
}
