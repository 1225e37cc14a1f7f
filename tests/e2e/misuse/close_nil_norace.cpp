// A nil channel in a select is never ready; the default case runs: nothing to report.
// EXPECT: nothing
// EXPECT: stdout default
#include <ccsp/ccsp.hpp>

#include <cstdio>

int main() {
  ccsp::chan<int> ch = ccsp::chan<int>::nil();
  std::size_t which = ccsp::select(ccsp::recv_case(ch, [](std::optional<int>) {}),
                                   ccsp::default_case([] {}));
  std::printf("%s\n", which == 1 ? "default" : "recv");
}
