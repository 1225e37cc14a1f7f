// A button whose click wakes every subscriber with notify_all. Three handlers (maximize the window,
// show a dialog, log the click) each wait in their own task until the button reports a click, and
// one broadcast runs all three. Waiting on a `clicked` flag rather than on the bare condition means
// a click that comes before a handler starts waiting is not lost. The broadcast happens-before each
// wake-up, so ccsp reports no race; each handler's line appears, in any order.
//
// EXPECT: no-race
// EXPECT: stdout Maximizing window.
// EXPECT: stdout Displaying annoying dialog box!
// EXPECT: stdout Mouse clicked.
#include <ccsp/ccsp.hpp>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>

class Button {
 public:
  // Runs `handler` in a task of its own once the button is clicked.
  void subscribe(std::function<void()> handler, ccsp::wait_group& handled) {
    handled.add(1);
    ccsp::go([this, handler = std::move(handler), &handled] {
      {
        std::unique_lock lock(mu_);
        clicked_cond_.wait(lock, [this] { return clicked_; });
      }
      handler();
      handled.done();
    });
  }

  void click() {
    {
      std::lock_guard lock(mu_);
      clicked_ = true;
    }
    clicked_cond_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable clicked_cond_;
  bool clicked_ = false;
};

int main() {
  Button button;
  ccsp::wait_group handled;
  button.subscribe([] { std::printf("Maximizing window.\n"); }, handled);
  button.subscribe([] { std::printf("Displaying annoying dialog box!\n"); }, handled);
  button.subscribe([] { std::printf("Mouse clicked.\n"); }, handled);
  button.click();
  handled.wait();
}
