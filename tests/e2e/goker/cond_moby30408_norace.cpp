// GoKer moby#30408 (condition variable), FIXED as upstream did: a failed activation also
// broadcasts, and waiters stop waiting once there is an error. Run with the failure.
// EXPECT: nothing
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
    while (!activated && activate_err.empty()) activate_wait.wait(lock);
    return activate_err;
  }
  void activate(bool fail) {
    std::lock_guard<std::mutex> g(mu);
    if (fail)
      activate_err = "some junk happened";
    else
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
  done.recv();
}

int main() {
  auto* p = new Plugin;
  p->activate(/*fail=*/true);
  test_active(p);
}
