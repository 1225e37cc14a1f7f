// Task profile of tasks parked forever: five tasks block receiving from a channel nobody sends
// on; main returns after they have parked, so at the end of the trace they are the live tasks,
// all at one stack in parked(), in state chan-receive.
//
// PROFILE: task goroutine/count at parked in 5 5
// PROFILE: task goroutine/count at main in 0 0
// PROFILE-LABEL: task parked state chan-receive
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <thread>

void parked(ccsp::chan<int> never, ccsp::wait_group* started) {
  started->done();
  never.recv();  // no one ever sends
}

int main() {
  ccsp::chan<int> never;
  ccsp::wait_group started;
  started.add(5);
  for (int i = 0; i < 5; ++i) ccsp::go(parked, never, &started);
  started.wait();
  // Give the last one time to reach its receive (the profile counts it either way: running
  // tasks count too, at their own stack in parked()).
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
}
