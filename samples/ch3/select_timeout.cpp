// Bounding a blocking select with a timeout from ccsp::after. One case receives from a channel that
// will never deliver (the nil channel blocks forever, and select never picks it), the other from
// ccsp::after(timeout), which gets the time once the timeout has passed. The timer wins and the
// program prints "Timed out.". The watchdog stays quiet while a timer is pending, so this is no
// deadlock, and ccsp reports nothing. CCSP_SAMPLE_FAST times out after 10 ms instead of 1 s.
//
// EXPECT: nothing
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout Timed out.
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace std::chrono_literals;

int main() {
  const auto timeout = std::getenv("CCSP_SAMPLE_FAST") ? 10ms : 1000ms;
  auto never = ccsp::chan<int>::nil();
  const auto begin = std::chrono::steady_clock::now();
  ccsp::select(ccsp::recv_case(never, [](std::optional<int>) { std::printf("impossible\n"); }),
               ccsp::recv_case(ccsp::after(timeout), [&] {
                 auto waited = std::chrono::steady_clock::now() - begin;
                 std::printf("Timed out. (after %lld ms)\n", static_cast<long long>(waited / 1ms));
               }));
}
