// Healing unhealthy tasks: a steward restarts a ward that stops sending heartbeats. The steward
// starts a ward, watches its heartbeat, and when the ward has been silent for the steward's timeout
// it stops that ward (closing the ward's own done channel) and starts a fresh one. This ward never
// sends a heartbeat ("I'm irresponsible!"), so the steward restarts it every timeout until main
// closes done; each ward halts when told to, and the steward closes its own heartbeat only after
// its last ward has halted, so nothing is left running. ccsp reports no race. CCSP_SAMPLE_FAST uses
// a 20 ms timeout instead of 400 ms.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout steward: ward unhealthy; restarting
// EXPECT: stdout main: halting steward and ward.
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <variant>

using namespace std::chrono_literals;
using Signal = ccsp::chan<std::monostate>;
using Clock = std::chrono::steady_clock;

const auto kTimeout = std::getenv("CCSP_SAMPLE_FAST") ? 20ms : 400ms;
const auto kStart = Clock::now();

void log(const char* message) {
  const std::chrono::duration<double, std::milli> t = Clock::now() - kStart;
  std::printf("%8.1fms %s\n", t.count(), message);
}

// Closed when either input is.
Signal either(Signal a, Signal b) {
  Signal out;
  ccsp::go([=] {
    ccsp::select(ccsp::recv_case(a), ccsp::recv_case(b));
    out.close();
  });
  return out;
}

// Starts a monitored task: it runs until done closes and returns its heartbeat channel.
// `halted` is done() once the task has completely stopped.
using StartFn = std::function<Signal(Signal done, std::chrono::milliseconds pulse_interval,
                                     std::shared_ptr<ccsp::wait_group> halted)>;

StartFn new_steward(std::chrono::milliseconds timeout, StartFn start_ward) {
  return [=](Signal done, std::chrono::milliseconds pulse_interval,
             std::shared_ptr<ccsp::wait_group> halted) {
    Signal heartbeat;
    ccsp::go([=] {
      auto wards = std::make_shared<ccsp::wait_group>();
      Signal ward_done, ward_heartbeat;
      auto start = [&] {
        ward_done = Signal();
        wards->add(1);
        ward_heartbeat = start_ward(either(ward_done, done), timeout / 2, wards);
      };
      start();
      auto pulse = ccsp::tick(pulse_interval);
      auto pass_pulse_on = [&] {
        ccsp::select(ccsp::send_case(heartbeat, {}), ccsp::default_case());
      };
      for (bool running = true; running;) {
        auto timeout_signal = ccsp::after(timeout);
        bool waiting = true;  // for the ward's next heartbeat
        auto restart_ward = [&] {
          log("steward: ward unhealthy; restarting");
          ward_done.close();
          start();
          waiting = false;
        };
        while (waiting && running) {
          ccsp::select(ccsp::recv_case(pulse, pass_pulse_on),
                       ccsp::recv_case(ward_heartbeat, [&] { waiting = false; }),
                       ccsp::recv_case(timeout_signal, restart_ward),
                       ccsp::recv_case(done, [&] { running = false; }));
        }
      }
      wards->wait();  // every ward we started has halted
      heartbeat.close();
      halted->done();
    });
    return heartbeat;
  };
}

// A ward that never sends a heartbeat.
Signal irresponsible_ward(Signal done, std::chrono::milliseconds,
                          std::shared_ptr<ccsp::wait_group> halted) {
  log("ward: Hello, I'm irresponsible!");
  ccsp::go([=] {
    done.recv();
    log("ward: I am halting.");
    halted->done();
  });
  return Signal::nil();
}

int main() {
  auto do_work_with_steward = new_steward(kTimeout, irresponsible_ward);
  Signal done;
  ccsp::go([done] {
    ccsp::sleep(kTimeout * 9 / 4);
    log("main: halting steward and ward.");
    done.close();
  });
  auto halted = std::make_shared<ccsp::wait_group>();
  halted->add(1);
  for (auto beat : do_work_with_steward(done, kTimeout, halted)) (void)beat;
  halted->wait();
  log("Done");
}
