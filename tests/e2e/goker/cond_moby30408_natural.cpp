// GoKer moby#30408 (condition variable), NATURAL run: plugins usually activate fine, the
// broadcast wakes the waiter. What strands a waiter is an input (a failing plugin), not a
// schedule. NOT PREDICTED: no run-time analysis sees the missing broadcast on a path this
// run did not take.
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
    while (!activated) activate_wait.wait(lock);
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
  done.recv();
}

int main() {
  auto* p = new Plugin;
  ccsp::go([p] { p->activate(/*fail=*/false); });
  test_active(p);
}
