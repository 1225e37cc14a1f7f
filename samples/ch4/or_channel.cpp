// The or-channel: one channel that closes when any of several done channels does. or_done builds a
// tree of tasks, each selecting over up to three inputs plus the combined channel itself, so the
// whole tree winds down once any branch fires. The inputs are the done channels of contexts timing
// out after 2 h, 5 min, 1 s, 1 h and 1 min, and the combination closes after about a second. Every
// close happens-before the receives it completes and no task outlives the tree: ccsp reports no
// race. CCSP_SAMPLE_FAST replaces the one-second timeout with 10 ms.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout done after
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <variant>
#include <vector>

using namespace std::chrono_literals;
using Done = ccsp::chan<std::monostate>;

// Closed as soon as any of `channels` is closed.
Done or_done(std::vector<Done> channels) {
  if (channels.empty()) return Done::nil();
  if (channels.size() == 1) return channels[0];
  Done combined;
  ccsp::go([channels, combined] {
    if (channels.size() == 2) {
      ccsp::select(ccsp::recv_case(channels[0]), ccsp::recv_case(channels[1]));
    } else {
      std::vector<Done> rest(channels.begin() + 3, channels.end());
      rest.push_back(combined);  // the subtree stops when we do
      ccsp::select(ccsp::recv_case(channels[0]), ccsp::recv_case(channels[1]),
                   ccsp::recv_case(channels[2]), ccsp::recv_case(or_done(rest)));
    }
    combined.close();
  });
  return combined;
}

int main() {
  const auto shortest = std::getenv("CCSP_SAMPLE_FAST") ? 10ms : 1000ms;
  std::vector<ccsp::cancel_func> cancels;
  auto sig = [&](std::chrono::milliseconds after) {
    auto [ctx, cancel] = ccsp::with_timeout(ccsp::background(), after);
    cancels.push_back(cancel);
    return ctx.done();
  };

  const auto start = std::chrono::steady_clock::now();
  or_done({sig(2h), sig(5min), sig(shortest), sig(1h), sig(1min)}).recv();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("done after %.3fs\n", took.count());
  for (auto& cancel : cancels) cancel();
}
