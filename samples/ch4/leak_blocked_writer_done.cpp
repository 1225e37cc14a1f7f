// The fix for the blocked-writer leak: the consumer closes a done channel. The writer selects
// between its send and done, so closing done releases it even in the middle of a send nobody will
// ever take. main reads three numbers, closes done and waits until the writer has announced its
// exit. ccsp reports no race and no leaked task.
//
// EXPECT: no-race
// EXPECT: stdout new_rand_stream task exited.
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <random>
#include <variant>

// Returns an endless stream of random numbers and a channel closed when its task has ended.
std::pair<ccsp::chan<int>, ccsp::chan<std::monostate>> new_rand_stream(
    ccsp::chan<std::monostate> done) {
  ccsp::chan<int> rand_stream;
  ccsp::chan<std::monostate> exited;
  ccsp::go([=] {
    std::mt19937 rng(std::random_device{}());
    for (bool stop = false; !stop;) {
      ccsp::select(ccsp::send_case(rand_stream, static_cast<int>(rng() % 1000)),
                   ccsp::recv_case(done, [&] { stop = true; }));
    }
    std::printf("new_rand_stream task exited.\n");
    exited.close();
  });
  return {rand_stream, exited};
}

int main() {
  ccsp::chan<std::monostate> done;
  auto [rand_stream, exited] = new_rand_stream(done);
  std::printf("3 random ints:\n");
  for (int i = 1; i <= 3; ++i) std::printf("%d: %d\n", i, *rand_stream.recv());
  done.close();
  exited.recv();
}
