// GoKer kubernetes#5316 (channel). finish_request runs the request in a task that reports
// on one of two unbuffered channels, and waits for the result or a timeout. When the
// timeout wins nobody receives any more, and the request's task blocks forever on its send.
// FORCED: the request takes 50 ms, the timeout is 5 ms; main returns: a leaked task.
// EXPECT: leak 21
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
      ch.send(true);  // (A) finish_request stopped waiting: nobody receives
  });
  ccsp::select(ccsp::recv_case(ch), ccsp::recv_case(err_ch), ccsp::recv_case(ccsp::after(timeout)));
}

int main() {
  finish_request(5ms, [] {
    ccsp::sleep(50ms);  // forcing: a slow request
    return std::string();
  });
  ccsp::sleep(100ms);  // the request's task is stuck by now
}
