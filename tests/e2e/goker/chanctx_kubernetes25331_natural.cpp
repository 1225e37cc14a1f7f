// GoKer kubernetes#25331 (channel & context), NATURAL schedule: no forcing. Stop's error
// send completes only when run receives it, and run then always sends its result, so the
// bug needs no bad luck: whichever task starts first, run leaks.
// EXPECT: leak 25
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <string>

using namespace std::chrono_literals;

struct WatchChan {
  ccsp::context ctx;
  ccsp::cancel_func cancel;
  ccsp::chan<bool> result;
  ccsp::chan<std::string> err_chan;

  void stop() {
    err_chan.send("watch stopped");
    cancel();
  }
  void run() {
    ccsp::select(ccsp::recv_case(err_chan,
                                 [this](std::optional<std::string> err) {
                                   cancel();
                                   result.send(!err->empty());  // (A) nobody reads results
                                 }),
                 ccsp::recv_case(ctx.done()));
  }
};

WatchChan* new_watch_chan() {
  auto [ctx, cancel] = ccsp::with_cancel(ccsp::background());
  return new WatchChan{ctx, cancel, {}, {}};
}

int main() {
  WatchChan* wc = new_watch_chan();
  ccsp::go([wc] { wc->stop(); });
  ccsp::go([wc] { wc->run(); });
  ccsp::sleep(100ms);  // run is stuck by now
}
