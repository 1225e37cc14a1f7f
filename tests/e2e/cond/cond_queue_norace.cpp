// A condition-variable queue (capacity 2) between a producer and a consumer: everything the
// producer wrote before pushing is visible to the consumer after popping, no race.
// EXPECT: no-race
// EXPECT: stdout sum 60
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

struct Job {
  int input = 0;
};

std::mutex mu;
std::condition_variable not_empty, not_full;
std::deque<Job*> queue;
constexpr std::size_t kCapacity = 2;

int main() {
  Job jobs[3];
  std::thread producer([&jobs] {
    for (int i = 0; i < 3; i++) {
      jobs[i].input = 10 * (i + 1);
      std::unique_lock<std::mutex> lock(mu);
      not_full.wait(lock, [] { return queue.size() < kCapacity; });
      queue.push_back(&jobs[i]);
      not_empty.notify_one();
    }
  });
  int sum = 0;
  for (int i = 0; i < 3; i++) {
    Job* job;
    {
      std::unique_lock<std::mutex> lock(mu);
      not_empty.wait(lock, [] { return !queue.empty(); });
      job = queue.front();
      queue.pop_front();
      not_full.notify_one();
    }
    sum += job->input;
  }
  producer.join();
  std::printf("sum %d\n", sum);
}
