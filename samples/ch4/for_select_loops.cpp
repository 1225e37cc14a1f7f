// The two everyday for-select loops. One sends a sequence out on a channel while watching a done
// channel, so the sender can be stopped between any two values; the other loops forever, doing a
// unit of work per iteration, until done is closed. main takes the first two strings, then closes
// done, which stops both tasks; a wait group makes sure they have finished. ccsp reports no race
// and no leaked task.
//
// EXPECT: no-race
// EXPECT: stdout a b
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <string>
#include <variant>

int main() {
  ccsp::chan<std::monostate> done;
  ccsp::chan<std::string> strings;
  ccsp::wait_group wg;
  wg.add(2);

  // Sending iteration values, stoppable after every one.
  ccsp::go([&wg, done, strings] {
    for (std::string s : {"a", "b", "c"}) {
      bool stop = false;
      ccsp::select(ccsp::recv_case(done, [&] { stop = true; }), ccsp::send_case(strings, s));
      if (stop) break;
    }
    wg.done();
  });

  // Looping until stopped.
  ccsp::go([&wg, done] {
    long iterations = 0;
    for (bool stop = false; !stop;) {
      ccsp::select(ccsp::recv_case(done, [&] { stop = true; }), ccsp::default_case());
      ++iterations;  // non-preemptable work would go here
    }
    std::printf("worker: stopped after %ld iterations\n", iterations);
    wg.done();
  });

  std::printf("%s ", strings.recv()->c_str());
  std::printf("%s\n", strings.recv()->c_str());
  done.close();
  wg.wait();
}
