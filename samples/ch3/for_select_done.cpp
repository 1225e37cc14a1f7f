// A for-select loop that works until it is told to stop. Each iteration polls the done channel (a
// select with an empty default case), breaks out once it is closed, and otherwise does one unit of
// work; another task closes done after a while and the loop reports how many cycles it achieved.
// The close happens-before the receive that sees it: ccsp reports no race. CCSP_SAMPLE_FAST stops
// after 20 ms instead of 500 ms.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout cycles of work before signalled to stop
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <variant>

using namespace std::chrono_literals;

int main() {
  const bool fast = std::getenv("CCSP_SAMPLE_FAST") != nullptr;
  const auto run_for = fast ? 20ms : 500ms, unit_of_work = fast ? 2ms : 50ms;
  ccsp::chan<std::monostate> done;
  ccsp::go([done, run_for] {
    ccsp::sleep(run_for);
    done.close();
  });

  int work_counter = 0;
  for (bool stop = false; !stop;) {
    ccsp::select(ccsp::recv_case(done, [&] { stop = true; }), ccsp::default_case());
    if (stop) break;
    ++work_counter;  // simulate work
    ccsp::sleep(unit_of_work);
  }
  std::printf("Achieved %d cycles of work before signalled to stop.\n", work_counter);
}
