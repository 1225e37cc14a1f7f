// Heartbeats per unit of work, and how they make tests deterministic. The worker pulses (without
// blocking, into a buffer of one) at the start of every unit, so a listener learns that work has
// begun even when a unit is slow. The first half prints pulses and results as they arrive; the
// second is a test: the worker may take arbitrarily long to start, so the test waits for the first
// heartbeat and only then applies a per-result timeout, instead of one global timeout that is
// either flaky or slow. ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout test passed: 1 2 3 5
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <variant>
#include <vector>

using namespace std::chrono_literals;
using Done = ccsp::chan<std::monostate>;

struct Worker {
  ccsp::chan<std::monostate> heartbeat;
  ccsp::chan<int> results;
};

// Sends each of nums on results, pulsing before each one; the first unit starts late.
Worker do_work(Done done, std::vector<int> nums, std::chrono::milliseconds startup) {
  Worker w{ccsp::chan<std::monostate>(1), ccsp::chan<int>()};
  ccsp::go([=] {
    ccsp::sleep(startup);  // simulates a slow start of some kind
    for (int n : nums) {
      ccsp::select(ccsp::send_case(w.heartbeat, {}), ccsp::default_case());
      if (ccsp::select(ccsp::recv_case(done), ccsp::send_case(w.results, n)) == 0) break;
    }
    w.heartbeat.close();
    w.results.close();
  });
  return w;
}

int main() {
  {
    Done done;
    std::mt19937 rng(std::random_device{}());
    std::vector<int> work;
    for (int i = 0; i < 5; ++i) work.push_back(static_cast<int>(rng() % 10));
    auto [heartbeat, results] = do_work(done, work, 0ms);
    bool running = true;
    auto on_pulse = [](std::optional<std::monostate> v) {
      if (v) std::printf("pulse\n");
    };
    auto on_result = [&](std::optional<int> r) {
      if (r) std::printf("results %d\n", *r);
      running = r.has_value();
    };
    while (running) {
      ccsp::select(ccsp::recv_case(heartbeat, on_pulse), ccsp::recv_case(results, on_result));
    }
    done.close();
  }
  {
    // The test: inputs must come back in order, each within a second of the previous one.
    Done done;
    const std::vector<int> input{1, 2, 3, 5};
    auto [heartbeat, results] = do_work(done, input, 20ms);
    heartbeat.recv();  // the work has started: from here on, timeouts are meaningful
    bool ok = true;
    for (int expected : input) {
      auto check = [&](std::optional<int> r) { ok = ok && r == expected; };
      ccsp::select(ccsp::recv_case(results, check),
                   ccsp::recv_case(ccsp::after(1s), [&] { ok = false; }));
    }
    done.close();
    std::printf(ok ? "test passed: 1 2 3 5\n" : "test failed\n");
  }
}
