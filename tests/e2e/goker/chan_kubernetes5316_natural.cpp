// GoKer kubernetes#5316 (channel), NATURAL schedule: requests usually finish well within the
// timeout (here a fast request and a 1 s timeout), the result is received, nothing leaks.
// NOT PREDICTED: prediction covers lock-based cycles, not a send that would find no receiver.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <string>

using namespace std::chrono_literals;

template <class Fn>
void finish_request(std::chrono::milliseconds timeout, Fn fn) {
  ccsp::chan<bool> ch;
  ccsp::chan<std::string> err_ch;
  ccsp::go([ch, err_ch, fn] {
    std::string err = fn();
    if (!err.empty())
      err_ch.send(err);
    else
      ch.send(true);
  });
  ccsp::select(ccsp::recv_case(ch), ccsp::recv_case(err_ch), ccsp::recv_case(ccsp::after(timeout)));
}

int main() {
  finish_request(1s, [] { return std::string(); });
}
