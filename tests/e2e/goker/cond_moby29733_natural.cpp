// GoKer moby#29733 (condition variable), NATURAL schedule: the plugin's users usually came
// before the handler registration (here it waits for the user on a relaxed flag, timing
// only), so they found it active. NOT PREDICTED: the flag reset strands only a later
// waiter; no lock cycle.
// EXPECT: nothing
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> used{false};

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
    for (auto& [id, p] : plugins) {
      std::lock_guard<std::mutex> g(p->mu);
      p->activated = false;  // the bug: deactivated, never reactivated
    }
  }
};

int main() {
  auto* registry = new Registry;
  auto* p = new Plugin;
  registry->plugins[0] = p;
  p->activate();
  p->wait_active();
  std::thread handler([registry] {
    while (!used.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    registry->handle();
  });
  std::thread user([p] {
    p->wait_active();
    used.store(true, std::memory_order_relaxed);
  });
  handler.join();
  user.join();
}
