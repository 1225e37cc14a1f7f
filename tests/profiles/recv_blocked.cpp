// Block profile of a receiver blocked a known time: receiver() waits on an unbuffered channel
// while the sender sleeps 300 ms before sending (sleeping is not blocking, so the sender is not
// in the profile). The timeline has an arrow from the send to the receive.
//
// PROFILE: block delay/nanoseconds at receiver in 280e6 450e6
// PROFILE: block contentions/count at receiver in 1 1
// PROFILE: block delay/nanoseconds at sender in 0 0
// TIMELINE: send -> receive 1 1
// TIMELINE: go -> start 1 1
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <thread>

void sender(ccsp::chan<int> ch) {
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ch.send(42);
}

int receiver(ccsp::chan<int> ch) {
  auto v = ch.recv();  // blocks ~300 ms
  return v ? *v : -1;
}

int main() {
  ccsp::chan<int> ch;
  ccsp::go(sender, ch);
  return receiver(ch) == 42 ? 0 : 1;
}
