// GoKer kubernetes#25331 (channel & context), FIXED as upstream did: run sends its result in
// a select with the context's done channel, and Stop's cancel ends that wait. Run in the
// forced schedule; main waits for run to return.
// EXPECT: nothing
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
                                   ccsp::select(ccsp::send_case(result, !err->empty()),
                                                ccsp::recv_case(ctx.done()));
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
  ccsp::chan<std::monostate> run_done;
  ccsp::go([wc, run_done] {
    wc->run();
    run_done.close();
  });
  ccsp::go([wc] {
    ccsp::sleep(50ms);
    wc->stop();
  });
  run_done.recv();
}
