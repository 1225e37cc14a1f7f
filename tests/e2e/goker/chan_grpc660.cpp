// GoKer grpc#660 (channel). The benchmark client's close loop starts one call per iteration
// in a task that reports on an unbuffered done channel, and returns when stop fires without
// draining done: the call in flight blocks forever on its send.
// FORCED: the call is slow (50 ms), stop fires at once; main returns: a leaked task.
// EXPECT: leak 19
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
  auto* bc = new BenchmarkClient;  // shared with the tasks for the life of the process
  bc->call_time = 50ms;            // forcing: the call outlasts the stop
  ccsp::go([bc] { bc->stop.send(true); });
  bc->do_close_loop_unary();
  ccsp::sleep(100ms);  // the call's task is stuck by now
}
