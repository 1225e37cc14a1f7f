// GoKer etcd#6857 (channel), NATURAL schedule: status requests usually come while the node
// runs (here the stop waits for the answer on a relaxed flag, timing only), the run loop
// answers, nothing leaks. NOT PREDICTED: prediction covers lock-based cycles, not a send
// that would find no receiver.
// EXPECT: nothing
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <thread>
#include <variant>

using namespace std::chrono_literals;

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> status_answered{false};

struct Status {
  int term = 0;
};

struct Node {
  ccsp::chan<ccsp::chan<Status>> status;
  ccsp::chan<std::monostate> stop, done;

  Status get_status() {
    ccsp::chan<Status> reply;
    status.send(reply);
    return reply.recv().value_or(Status{});
  }
  void run() {
    for (bool stopped = false; !stopped;) {
      ccsp::select(
          ccsp::recv_case(status,
                          [](std::optional<ccsp::chan<Status>> reply) { reply->send(Status{1}); }),
          ccsp::recv_case(stop, [&] {
            done.close();
            stopped = true;
          }));
    }
  }
  void stop_node() {
    bool already = false;
    ccsp::select(ccsp::send_case(stop, std::monostate{}),
                 ccsp::recv_case(done, [&] { already = true; }));
    if (!already) done.recv();
  }
};

int main() {
  auto* n = new Node;
  ccsp::wait_group wg;
  wg.add(3);
  ccsp::go([n, &wg] {
    n->run();
    wg.done();
  });
  ccsp::go([n, &wg] {
    while (!status_answered.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    n->stop_node();
    wg.done();
  });
  ccsp::go([n, &wg] {
    n->get_status();
    status_answered.store(true, std::memory_order_relaxed);
    wg.done();
  });
  wg.wait();
}
