// GoKer moby#30408 (condition variable). Plugin::wait_active waits on the plugin's cond until
// the plugin is activated; an activation that fails records the error but never broadcasts,
// so a waiter sleeps forever. test_active waits for its waiter: every task is asleep.
// FORCED: the activation fails (nothing to time: a failure always strands the waiter).
// EXPECT: all-asleep 19 39
#include <ccsp/ccsp.hpp>
#include <condition_variable>
#include <mutex>
#include <string>

struct Plugin {
  std::mutex mu;
  std::condition_variable activate_wait;
  bool activated = false;
  std::string activate_err;

  std::string wait_active() {
    std::unique_lock<std::mutex> lock(mu);
    while (!activated) activate_wait.wait(lock);  // (A) nobody broadcasts after a failure
    return activate_err;
  }
  void activate(bool fail) {
    std::lock_guard<std::mutex> g(mu);
    if (fail) {
      activate_err = "some junk happened";
      return;  // the bug: waiters are not woken
    }
    activated = true;
    activate_wait.notify_all();
  }
};

void test_active(Plugin* p) {
  ccsp::chan<std::monostate> done;
  ccsp::go([p, done] {
    p->wait_active();
    done.close();
  });
  done.recv();  // (M)
}

int main() {
  auto* p = new Plugin;
  p->activate(/*fail=*/true);
  test_active(p);
}
