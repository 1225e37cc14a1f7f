// A condition-variable queue where the producer keeps writing an item after handing it over:
// the consumer's read of that field is not ordered with the late write, a race.
// EXPECT: race 28 37
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

struct Job {
  int input = 0;
  int priority = 0;
};

std::mutex mu;
std::condition_variable cv;
std::deque<Job*> queue;

int main() {
  Job job;
  std::thread producer([&job] {
    job.input = 5;
    {
      std::lock_guard<std::mutex> lock(mu);
      queue.push_back(&job);
    }
    cv.notify_one();
    job.priority = 9;       // (A) after the hand-over
  });
  Job* got;
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [] { return !queue.empty(); });
    got = queue.front();
    queue.pop_front();
  }
  int seen = got->priority;  // (B)
  producer.join();
  std::printf("%d %d\n", got->input, seen);
}
