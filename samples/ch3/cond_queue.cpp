// A queue of capacity two built on a std::condition_variable. main adds ten items but waits on the
// condition whenever two are queued, and each item gets a task that removes it a little later and
// signals, so "Adding to queue" and "Removed from queue" alternate once the queue is full. The wait
// uses the predicate form, a loop, because a wake-up only says that something changed. A notify
// happens-before the wait it wakes and every queue access is under the mutex: ccsp reports no race.
// CCSP_SAMPLE_FAST waits 1 ms instead of 100 ms before each removal.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout Removed from queue
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>

using namespace std::chrono_literals;

int main() {
  const auto delay = std::getenv("CCSP_SAMPLE_FAST") ? 1ms : 100ms;
  std::mutex mu;
  std::condition_variable cond;
  std::deque<int> queue;
  ccsp::wait_group removers;

  auto remove_from_queue = [&] {
    ccsp::sleep(delay);
    {
      std::lock_guard lock(mu);
      queue.pop_front();
      std::printf("Removed from queue\n");
    }
    cond.notify_one();
    removers.done();
  };

  for (int i = 0; i < 10; ++i) {
    std::unique_lock lock(mu);
    cond.wait(lock, [&] { return queue.size() < 2; });
    std::printf("Adding to queue\n");
    queue.push_back(i);
    removers.add(1);
    ccsp::go(remove_from_queue);
  }
  removers.wait();  // the last two removals (Go would just exit here)
}
