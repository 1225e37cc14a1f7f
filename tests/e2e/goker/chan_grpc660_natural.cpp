// GoKer grpc#660 (channel), NATURAL schedule: fast calls, stop after 10 ms (timing only).
// The bug does not need bad luck: whichever call is in flight when stop wins the select
// (there always is one) blocks forever on its send, so the natural run leaks one task too.
// EXPECT: leak 18
#include <ccsp/ccsp.hpp>
#include <chrono>

using namespace std::chrono_literals;

struct BenchmarkClient {
  ccsp::chan<bool> stop;
  std::chrono::milliseconds call_time{0};
  void do_close_loop_unary() {
    for (;;) {
      ccsp::chan<bool> done;
      ccsp::go([done, t = call_time] {
        ccsp::sleep(t);   // the unary call
        done.send(true);  // (A) the loop returned on stop: nobody receives
      });
      bool stopped = false;
      ccsp::select(ccsp::recv_case(stop, [&] { stopped = true; }), ccsp::recv_case(done));
      if (stopped) return;
    }
  }
};

int main() {
  auto* bc = new BenchmarkClient;
  ccsp::go([bc] {
    ccsp::sleep(10ms);  // timing, not ordering
    bc->stop.send(true);
  });
  bc->do_close_loop_unary();
  ccsp::sleep(100ms);  // the last call's task is stuck by now
}
