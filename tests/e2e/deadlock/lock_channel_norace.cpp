// The fix for the lock and channel inversion: the producer releases the mutex before it sends,
// so no schedule has it waiting in the channel while it holds what the consumer needs.
// EXPECT: nothing
// EXPECT: stdout 7
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
int produced;

void Consume(ccsp::chan<int> ch) {
  { std::lock_guard<std::mutex> g(mu); }
  std::printf("%d\n", ch.recv().value_or(0));
}

void Produce(ccsp::chan<int> ch) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  {
    std::lock_guard<std::mutex> g(mu);
    ++produced;
  }
  ch.send(7);
}

int main() {
  ccsp::chan<int> ch;
  std::thread consumer(Consume, ch);
  std::thread producer(Produce, ch);
  producer.join();
  consumer.join();
}
