// The fix for the nil-channel reader leak: a done channel from the parent. The parent that starts
// the task also passes it a done channel, and the task selects on its input and on done, so the
// parent can stop it even though its input never delivers anything. main cancels after a moment and
// waits for the task's `terminated` channel, so the task exits ("do_work exited.") before main
// does. The convention: whoever starts a task is responsible for stopping it. ccsp reports no race
// and no leaked task. CCSP_SAMPLE_FAST cancels after 10 ms instead of 1 s.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout do_work exited.
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

using namespace std::chrono_literals;

// Returns a channel closed when the worker has finished.
ccsp::chan<std::monostate> do_work(ccsp::chan<std::monostate> done,
                                   ccsp::chan<std::string> strings) {
  ccsp::chan<std::monostate> terminated;
  ccsp::go([=] {
    for (bool stop = false; !stop;) {
      ccsp::select(ccsp::recv_case(strings,
                                   [](std::optional<std::string> s) {
                                     if (s) std::printf("%s\n", s->c_str());
                                   }),
                   ccsp::recv_case(done, [&] { stop = true; }));
    }
    std::printf("do_work exited.\n");
    terminated.close();
  });
  return terminated;
}

int main() {
  const auto patience = std::getenv("CCSP_SAMPLE_FAST") ? 10ms : 1000ms;
  ccsp::chan<std::monostate> done;
  auto terminated = do_work(done, ccsp::chan<std::string>::nil());

  ccsp::go([done, patience] {
    ccsp::sleep(patience);
    std::printf("Canceling do_work task...\n");
    done.close();
  });

  terminated.recv();
  std::printf("Done.\n");
}
