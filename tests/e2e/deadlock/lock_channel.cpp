// Lock and channel inversion on a lucky run: the producer sends on an unbuffered channel
// while holding the mutex, and the consumer takes the mutex before it receives. The consumer
// happens to go first, so the run ends; had the producer locked first, both would wait forever.
// EXPECT: deadlock 14 15 20 21
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;

void Consume(ccsp::chan<int> ch) {
  { std::lock_guard<std::mutex> g(mu); }  // the lock first...
  std::printf("%d\n", ch.recv().value_or(0));  // ...then the channel
}

void Produce(ccsp::chan<int> ch) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::lock_guard<std::mutex> g(mu);
  ch.send(7);  // sends while holding the lock
}

int main() {
  ccsp::chan<int> ch;
  std::thread consumer(Consume, ch);
  std::thread producer(Produce, ch);
  producer.join();
  consumer.join();
}
