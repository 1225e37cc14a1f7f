// GoKer kubernetes#25331 (channel & context). An etcd watch channel's run loop waits for an
// error or for its context to be done; on an error it cancels the context and then sends
// the error on the unbuffered result channel. Stop reports an error and cancels, but the
// reflector that calls Stop no longer reads results: run blocks forever on the send.
// FORCED: run is already waiting when Stop comes (50 ms later); main returns: a leak.
// EXPECT: leak 27
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
  return new WatchChan{ctx, cancel, {}, {}};  // lives as long as its tasks, as in Go
}

int main() {
  WatchChan* wc = new_watch_chan();
  ccsp::go([wc] { wc->run(); });
  ccsp::go([wc] {
    ccsp::sleep(50ms);  // forcing: run is waiting when the stop comes
    wc->stop();
  });
  ccsp::sleep(100ms);  // run is stuck by now
}
