// GoKer kubernetes#5316 (channel), FIXED as upstream did: both result channels have room
// for one value, so the request's task never blocks. Run in the forced schedule (a request
// slower than the timeout); main waits long enough to see the task finish.
// EXPECT: nothing
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <string>

using namespace std::chrono_literals;

template <class Fn>
void finish_request(std::chrono::milliseconds timeout, Fn fn, ccsp::wait_group& finished) {
  ccsp::chan<bool> ch(1);
  ccsp::chan<std::string> err_ch(1);
  finished.add(1);
  ccsp::go([ch, err_ch, fn, &finished] {
    std::string err = fn();
    if (!err.empty())
      err_ch.send(err);
    else
      ch.send(true);
    finished.done();
  });
  ccsp::select(ccsp::recv_case(ch), ccsp::recv_case(err_ch), ccsp::recv_case(ccsp::after(timeout)));
}

int main() {
  ccsp::wait_group finished;
  finish_request(
      5ms,
      [] {
        ccsp::sleep(50ms);
        return std::string();
      },
      finished);
  finished.wait();
}
