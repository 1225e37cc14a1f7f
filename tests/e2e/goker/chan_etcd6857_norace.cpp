// GoKer etcd#6857 (channel), FIXED as upstream did: Status selects between sending its
// request and the node's done channel. Run in the forced schedule (Status after Stop).
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <variant>

using namespace std::chrono_literals;

struct Status {
  int term = 0;
};

struct Node {
  ccsp::chan<ccsp::chan<Status>> status;
  ccsp::chan<std::monostate> stop, done;

  Status get_status() {
    ccsp::chan<Status> reply;
    bool sent = false;
    ccsp::select(ccsp::send_case(status, reply, [&] { sent = true; }), ccsp::recv_case(done));
    return sent ? reply.recv().value_or(Status{}) : Status{};
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
    n->stop_node();
    wg.done();
  });
  ccsp::go([n, &wg] {
    ccsp::sleep(50ms);
    n->get_status();
    wg.done();
  });
  wg.wait();
}
