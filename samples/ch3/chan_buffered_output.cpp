// A buffered channel lets a producer run ahead of its consumer. With capacity 4 the producer can
// send 0 to 3 before anyone receives, and only its fifth send has to wait until main has taken a
// value out. Both tasks append to one log under a mutex, printed at the end, so the interleaving of
// "Sending" and "Received" lines shows how far the producer ran ahead on this run. The k-th receive
// happens-before the (k+4)-th send completes: ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout Producer done.
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <mutex>
#include <string>

int main() {
  std::mutex log_mu;
  std::string log;
  auto note = [&](const std::string& line) {
    std::lock_guard lock(log_mu);
    log += line + "\n";
  };

  ccsp::chan<int> ints(4);
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&] {
    for (int i = 0; i < 5; ++i) {
      note("Sending " + std::to_string(i));
      ints.send(i);
    }
    ints.close();
    note("Producer done.");
    wg.done();
  });
  for (int v : ints) note("Received " + std::to_string(v));
  wg.wait();
  std::fputs(log.c_str(), stdout);
}
