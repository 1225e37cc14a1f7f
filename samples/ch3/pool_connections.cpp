// A warmed ccsp::pool of connections makes requests cheap. Opening a connection is slow, so a
// service that dials one per request pays that cost every time, while one that fills a pool at
// startup and borrows from it pays nothing per request. The program serves the same requests both
// ways from four handler tasks and prints both times. Connections move between tasks only through
// the pool (put happens-before the get that returns the item) and their use counters are plain
// ints: ccsp reports no race. CCSP_SAMPLE_FAST uses fewer, cheaper connections.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const bool kFast = std::getenv("CCSP_SAMPLE_FAST") != nullptr;
const auto kDialCost = kFast ? 200us : 5ms;

struct Connection {
  int id;
  int requests_served = 0;
};

std::atomic<int> dialed{0};
Connection dial() {
  ccsp::sleep(kDialCost);  // handshake, authentication, ...
  return Connection{dialed.fetch_add(1) + 1};
}

using Item = ccsp::pool<Connection>::item;

// Serves `requests` requests on `handlers` tasks; returns the elapsed milliseconds.
double serve(int requests, int handlers, const std::function<Item()>& acquire,
             const std::function<void(Item)>& release) {
  ccsp::chan<int> work(requests);
  for (int r = 0; r < requests; ++r) work.send(r);
  work.close();
  const auto begin = Clock::now();
  ccsp::wait_group wg;
  wg.add(handlers);
  for (int h = 0; h < handlers; ++h) {
    ccsp::go([&] {
      for (int request : work) {
        Item conn = acquire();
        conn->requests_served += 1;  // the request itself is free
        (void)request;
        release(std::move(conn));
      }
      wg.done();
    });
  }
  wg.wait();
  return std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
}

int main() {
  const int requests = kFast ? 20 : 200, handlers = 4;

  double cold = serve(
      requests, handlers, [] { return std::make_unique<Connection>(dial()); }, [](Item) {});

  ccsp::pool<Connection> warm(dial);
  std::vector<Item> warming;
  for (int i = 0; i < handlers; ++i) warming.push_back(warm.get());
  for (auto& c : warming) warm.put(std::move(c));
  dialed = 0;
  double hot = serve(
      requests, handlers, [&] { return warm.get(); }, [&](Item c) { warm.put(std::move(c)); });

  std::printf("%d requests: %.1f ms dialing per request, %.1f ms from a warm pool\n", requests,
              cold, hot);
  std::printf("dials while serving from the warm pool: %d\n", dialed.load());
}
