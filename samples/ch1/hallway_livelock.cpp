// The hallway livelock: two people keep stepping aside in the same direction. A std::barrier is the
// cadence that keeps them in lock step (the book used a ticking sync.Cond), so on every run both
// move left, right, left, right, and neither gets past until they give up after five tries. The
// tasks are busy, not blocked, and every shared access is atomic: ccsp reports no race and no
// deadlock, which is exactly what makes a livelock hard to spot — the program works hard and gets
// nowhere.
//
// EXPECT: no-race
// EXPECT: stdout alice is trying to scoot: left right left right left right left right left right
// EXPECT: stdout alice tosses her hands up in exasperation!
#include <atomic>
#include <barrier>
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <string>

std::barrier cadence(2);             // a step: both walkers move at once
std::atomic<int> left{0}, right{0};  // how many people are on each side

// Steps toward `dir`; returns true if this person is now alone on that side.
bool try_dir(std::string& log, const char* name, std::atomic<int>& dir) {
  log += ' ';
  log += name;
  dir.fetch_add(1);
  cadence.arrive_and_wait();
  if (dir.load() == 1) return true;
  cadence.arrive_and_wait();
  dir.fetch_sub(1);
  return false;
}

void walk(const char* who, std::string& log, ccsp::wait_group& wg) {
  log = std::string(who) + " is trying to scoot:";
  bool passed = false;
  for (int i = 0; i < 5 && !passed; ++i) {
    passed = try_dir(log, "left", left) || try_dir(log, "right", right);
  }
  log += passed ? "\n" : std::string("\n") + who + " tosses her hands up in exasperation!\n";
  wg.done();
}

int main() {
  std::string alice, barbara;
  ccsp::wait_group wg;
  wg.add(2);
  ccsp::go(walk, "alice", std::ref(alice), std::ref(wg));
  ccsp::go(walk, "barbara", std::ref(barbara), std::ref(wg));
  wg.wait();
  std::fputs(alice.c_str(), stdout);
  std::fputs(barbara.c_str(), stdout);
}
