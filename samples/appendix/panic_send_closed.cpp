// A panic raised by the runtime: send on a closed channel. A task sends on a channel that main has
// already closed, which Go (and ccsp) treat as a bug to stop on, not an error to return: "panic:
// send on closed channel" with the sender's stack and where it was started. The analyzer reports
// misuse of kind send-on-closed at the send. The rule that prevents it: only the channel's owner
// sends and closes (ch3/chan_ownership.cpp).
//
// EXPECT: misuse send-on-closed 16
// EXPECT: stderr panic: send on closed channel
#include <ccsp/ccsp.hpp>
#include <variant>

int main() {
  ccsp::chan<int> results(1);
  ccsp::chan<std::monostate> never;
  results.close();                            // main thinks it owns the channel...
  ccsp::go([results] { results.send(42); });  // ...and so does this task
  never.recv();                               // the panic ends the program first
}
