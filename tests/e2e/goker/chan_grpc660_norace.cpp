// GoKer grpc#660 (channel), FIXED as upstream did: done has room for the one result, so the
// call's task never blocks after the loop returned. Run in the forced schedule.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>

using namespace std::chrono_literals;

struct BenchmarkClient {
  ccsp::chan<bool> stop;
  std::chrono::milliseconds call_time{0};
  ccsp::wait_group calls;
  void do_close_loop_unary() {
    for (;;) {
      ccsp::chan<bool> done(1);
      calls.add(1);
      ccsp::go([this, done, t = call_time] {
        ccsp::sleep(t);
        done.send(true);
        calls.done();
      });
      bool stopped = false;
      ccsp::select(ccsp::recv_case(stop, [&] { stopped = true; }), ccsp::recv_case(done));
      if (stopped) return;
    }
  }
};

int main() {
  auto* bc = new BenchmarkClient;
  bc->call_time = 50ms;
  ccsp::go([bc] { bc->stop.send(true); });
  bc->do_close_loop_unary();
  bc->calls.wait();
}
