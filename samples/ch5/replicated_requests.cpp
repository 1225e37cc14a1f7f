// Replicated requests: send one request to ten handlers and take the first answer. Each handler
// simulates a random load; the first to finish delivers its id, main closes done, and every other
// handler sees done and abandons its work (the book's time.After becomes a select over ccsp::after
// and done). main waits for all ten before reporting, so none is left running. The answer crosses
// the channel and the close reaches everyone: ccsp reports no race. CCSP_SAMPLE_FAST makes the
// loads 1-5 ms instead of 1-5 s.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout Received an answer from #
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <variant>

using namespace std::chrono_literals;
using Done = ccsp::chan<std::monostate>;

const auto kLoadUnit = std::getenv("CCSP_SAMPLE_FAST") ? 1ms : 1000ms;

void do_work(Done done, int id, ccsp::wait_group& wg, ccsp::chan<int> result) {
  std::mt19937 rng(std::random_device{}());
  const auto start = std::chrono::steady_clock::now();
  const auto load = kLoadUnit + (rng() % 4000) * kLoadUnit / 1000;  // 1 to 5 units
  bool cancelled = false;
  ccsp::select(ccsp::recv_case(done, [&] { cancelled = true; }),
               ccsp::recv_case(ccsp::after(load)));
  if (!cancelled) {
    ccsp::select(ccsp::recv_case(done), ccsp::send_case(result, id, [&] {
                   std::chrono::duration<double, std::milli> took =
                       std::chrono::steady_clock::now() - start;
                   std::printf("%d took %.1f ms\n", id, took.count());
                 }));
  }
  wg.done();
}

int main() {
  Done done;
  ccsp::chan<int> result;
  ccsp::wait_group wg;
  wg.add(10);
  for (int i = 0; i < 10; ++i) ccsp::go(do_work, done, i, std::ref(wg), result);
  int first = *result.recv();
  done.close();
  wg.wait();
  std::printf("Received an answer from #%d\n", first);
}
