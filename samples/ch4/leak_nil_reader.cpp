// A task leak: a reader blocked forever on the nil channel. do_work starts a task that ranges over
// its input channel until it is closed, and main passes the nil channel (think: an optional input
// nobody supplied), so the task blocks on its first receive forever. main carries on and exits;
// "do_work exited." is never printed, and in a long-running program every such call leaks a task
// and its memory. ccsp reports the task as leaked, blocked receiving in the range-for. The fix is leak_nil_reader_done.cpp.
//
// EXPECT: leak 23
// EXPECT: stdout Done.
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <variant>

using namespace std::chrono_literals;

// Returns a channel closed when the worker has finished.
ccsp::chan<std::monostate> do_work(ccsp::chan<std::string> strings,
                                   ccsp::chan<std::monostate> started) {
  ccsp::chan<std::monostate> completed;
  ccsp::go([=] {
    started.close();
    for (const std::string& s : strings) std::printf("%s\n", s.c_str());
    std::printf("do_work exited.\n");
    completed.close();
  });
  return completed;
}

int main() {
  ccsp::chan<std::monostate> started;
  do_work(ccsp::chan<std::string>::nil(), started);
  started.recv();
  ccsp::sleep(10ms);  // perhaps more work is done here; the task is stuck by now
  std::printf("Done.\n");
}
