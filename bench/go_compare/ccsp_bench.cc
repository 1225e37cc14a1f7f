// The C++ side of the ccsp-vs-Go benchmark (go_bench.go is its twin, case for case).
// Usage: ccsp_bench CASE N  -> prints "CASE ns_per_op". Built uninstrumented by run.sh.
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

using Clock = std::chrono::steady_clock;

// Unbuffered ping-pong: one round trip = two handoffs.
void PingPong(long n) {
  ccsp::chan<int> ping, pong;
  ccsp::go([=] {
    for (long i = 0; i < n; ++i) pong.send(*ping.recv() + 1);
  });
  for (long i = 0; i < n; ++i) {
    ping.send(1);
    pong.recv();
  }
}

// Buffered channel (capacity 128), `producers` senders, one receiver; n values in total.
void Buffered(long n, int producers) {
  ccsp::chan<long> ch(128);
  for (int p = 0; p < producers; ++p) {
    ccsp::go([=] {
      for (long i = p; i < n; i += producers) ch.send(i);
    });
  }
  long sum = 0;
  for (long i = 0; i < n; ++i) sum += *ch.recv();
  if (sum != n * (n - 1) / 2) std::abort();
}

// Fan-in: four producers, each on its own channel (capacity 16), one receiver selecting.
void SelectFanIn(long n) {
  ccsp::chan<long> ch[4] = {ccsp::chan<long>(16), ccsp::chan<long>(16), ccsp::chan<long>(16),
                            ccsp::chan<long>(16)};
  for (int p = 0; p < 4; ++p) {
    ccsp::go([=, c = ch[p]] {
      for (long i = p; i < n; i += 4) c.send(i);
    });
  }
  long sum = 0;
  auto add = [&](std::optional<long> v) { sum += *v; };
  for (long i = 0; i < n; ++i) {
    ccsp::select(ccsp::recv_case(ch[0], add), ccsp::recv_case(ch[1], add),
                 ccsp::recv_case(ch[2], add), ccsp::recv_case(ch[3], add));
  }
  if (sum != n * (n - 1) / 2) std::abort();
}

// Spawn n tasks that each call done(); wait for all.
void SpawnJoin(long n) {
  ccsp::wait_group wg;
  wg.add(n);
  for (long i = 0; i < n; ++i) ccsp::go([&wg] { wg.done(); });
  wg.wait();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s pingpong|buffered1|buffered4|select4|spawn N\n", argv[0]);
    return 2;
  }
  const char* name = argv[1];
  long n = std::atol(argv[2]);
  auto start = Clock::now();
  if (!std::strcmp(name, "pingpong")) {
    PingPong(n);
  } else if (!std::strcmp(name, "buffered1")) {
    Buffered(n, 1);
  } else if (!std::strcmp(name, "buffered4")) {
    Buffered(n, 4);
  } else if (!std::strcmp(name, "select4")) {
    SelectFanIn(n);
  } else if (!std::strcmp(name, "spawn")) {
    SpawnJoin(n);
  } else {
    std::fprintf(stderr, "unknown case %s\n", name);
    return 2;
  }
  double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
  std::printf("%s %.1f\n", name, ns / double(n));
  return 0;
}
