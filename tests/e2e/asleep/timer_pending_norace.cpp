// main blocks in a select whose only ready case is a timer: the watchdog stays quiet while a
// timed wait is pending (as Go's does), and the timer fires.
// EXPECT: nothing
// EXPECT: stdout timeout
#include <ccsp/ccsp.hpp>

#include <chrono>
#include <cstdio>

int main() {
  ccsp::chan<int> never;
  ccsp::select(ccsp::recv_case(never, [](std::optional<int>) { std::printf("value\n"); }),
               ccsp::recv_case(ccsp::after(std::chrono::milliseconds(300)),
                               [](auto) { std::printf("timeout\n"); }));
}
