// A select with a default case never blocks. When no channel is ready the default runs at once (and
// select returns its position), turning a blocking receive into a poll. Here neither channel will
// ever have a sender, so the program prints "In default" after a few microseconds; without the
// default case this would be a deadlock and ccsp's watchdog would say so. ccsp reports nothing.
//
// EXPECT: nothing
// EXPECT: stdout In default after
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>

int main() {
  ccsp::chan<int> c1, c2;
  const auto begin = std::chrono::steady_clock::now();
  auto in_default = [&] {
    std::chrono::duration<double, std::micro> waited = std::chrono::steady_clock::now() - begin;
    std::printf("In default after %.1f us\n", waited.count());
  };
  std::size_t chosen = ccsp::select(ccsp::recv_case(c1, [] { std::printf("from c1\n"); }),
                                    ccsp::recv_case(c2, [] { std::printf("from c2\n"); }),
                                    ccsp::default_case(in_default));
  std::printf("select returned case %zu\n", chosen);
}
