// GoKer etcd#6857 (channel). A raft node's run loop answers status requests (a channel of
// reply channels) until it is stopped. Status sends its request without watching done, so
// a Status call that comes after Stop blocks forever on the request send.
// FORCED: Stop runs first, Status 50 ms later; main returns: a leaked task at exit.
// EXPECT: leak 22
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
    status.send(reply);  // (A) the run loop has exited: nobody receives the request
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
  auto* n = new Node;  // shared with the tasks for the life of the process, as in Go
  ccsp::go([n] { n->run(); });
  ccsp::go([n] { n->stop_node(); });
  ccsp::go([n] {
    ccsp::sleep(50ms);  // forcing: the status request comes after the stop
    n->get_status();
  });
  ccsp::sleep(100ms);  // the status task is stuck by now
}
