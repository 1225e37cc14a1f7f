// Heartbeats on an interval let a consumer detect a stuck worker. do_work sends a pulse every
// interval on a side channel (never blocking on it: a missed pulse is fine) and a result every
// other interval, and its consumer treats silence longer than its timeout as a sign the worker is
// unhealthy. In the first run the worker is healthy and the consumer prints pulses and results
// until done closes; in the second the worker stops after two iterations without closing its
// channels, and the consumer notices from the missing pulses instead of waiting forever. ccsp
// reports no race. CCSP_SAMPLE_FAST makes the time unit 5 ms instead of 200 ms.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout worker task is not healthy!
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <variant>

using namespace std::chrono_literals;
using Done = ccsp::chan<std::monostate>;
using Time = ccsp::time_point;

const auto kUnit = std::getenv("CCSP_SAMPLE_FAST") ? 5ms : 200ms;

struct Worker {
  ccsp::chan<std::monostate> heartbeat;
  ccsp::chan<Time> results;
};

// Pulses every pulse_interval, sends a result every 2 * pulse_interval. A worker that is
// not `healthy` stops after two iterations without closing its channels.
Worker do_work(Done done, std::chrono::milliseconds pulse_interval, bool healthy) {
  Worker w{ccsp::chan<std::monostate>(), ccsp::chan<Time>()};
  ccsp::go([=] {
    auto pulse = ccsp::tick(pulse_interval);
    auto work_gen = ccsp::tick(2 * pulse_interval);
    auto send_pulse = [&] { ccsp::select(ccsp::send_case(w.heartbeat, {}), ccsp::default_case()); };
    auto send_result = [&](Time r) {
      for (bool sent = false, stop = false; !sent && !stop;) {
        ccsp::select(ccsp::recv_case(done, [&] { stop = true; }),
                     ccsp::recv_case(pulse, [&] { send_pulse(); }),
                     ccsp::send_case(w.results, r, [&] { sent = true; }));
      }
    };
    for (int i = 0; healthy || i < 2; ++i) {
      bool stop = false;
      ccsp::select(ccsp::recv_case(done, [&] { stop = true; }),
                   ccsp::recv_case(pulse, [&] { send_pulse(); }),
                   ccsp::recv_case(work_gen, [&](std::optional<Time> t) { send_result(*t); }));
      if (stop) break;
    }
    if (healthy) {  // the unhealthy worker "forgets" to close: its consumer must not wait
      w.heartbeat.close();
      w.results.close();
    }
  });
  return w;
}

void consume(bool healthy) {
  Done done;
  const auto timeout = 2 * kUnit;
  auto [heartbeat, results] = do_work(done, timeout / 2, healthy);
  ccsp::go([done] {
    ccsp::sleep(10 * kUnit);
    done.close();
  });
  const auto start = std::chrono::steady_clock::now();
  bool running = true;
  auto on_pulse = [&](std::optional<std::monostate> v) {
    if (v) std::printf("pulse\n");
    running = v.has_value();
  };
  auto on_result = [&](std::optional<Time> r) {
    if (r) std::printf("results %lld\n", static_cast<long long>((*r - start) / kUnit));
    running = r.has_value();
  };
  auto on_silence = [&] {
    std::printf("worker task is not healthy!\n");
    running = false;
  };
  while (running) {
    ccsp::select(ccsp::recv_case(heartbeat, on_pulse), ccsp::recv_case(results, on_result),
                 ccsp::recv_case(ccsp::after(timeout), on_silence));
  }
  done.recv();  // let the canceller finish before the next run
}

int main() {
  consume(true);
  consume(false);
}
