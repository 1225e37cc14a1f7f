// loopclosure, negative: copies for each task, variables from outside the loop, reference
// loop variables (they name elements that outlive the loop), and tasks the iteration waits for
// (join, wait, a local jthread, a discarded std::async future, a recv).
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

void Work(int n) { std::printf("%d\n", n); }

void JoinAll(std::vector<std::thread>& threads) {
  for (auto& t : threads) t.join();
}

// Each round's threads are joined before the round ends (through a helper, too).
void Rounds() {
  for (int round = 0; round < 3; ++round) {
    std::vector<std::thread> threads;
    for (int k = 0; k < 2; ++k) threads.emplace_back([&round, k] { Work(round + k); });
    JoinAll(threads);
  }
  for (int round = 0; round < 3; ++round) {
    std::vector<std::jthread> threads;
    threads.emplace_back([&] { Work(round); });
  }
}

int main() {
  ccsp::wait_group wg;
  std::vector<int> values = {1, 2, 3};
  int shared = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    ccsp::go([i, &wg] {
      Work(i);
      wg.done();
    });
    ccsp::go([=] { Work(i); });
    ccsp::go(Work, i);
    threads.emplace_back([&shared, i] { Work(shared + i); });
    threads.emplace_back(Work, i);
  }
  for (int& v : values) {
    threads.emplace_back([&] { Work(v); });
  }
  for (const auto& v : values) {
    ccsp::go([&] { Work(v); });
  }
  for (int i = 0; i < 3; ++i) {
    std::thread t([&] { Work(i); });
    t.join();
  }
  for (int i = 0; i < 3; ++i) {
    std::jthread t([&] { Work(i); });
  }
  for (int i = 0; i < 3; ++i) {
    std::async(std::launch::async, [&] { Work(i); });
    auto f = std::async(std::launch::async, [&] { Work(i); });
  }
  for (int i = 0; i < 3; ++i) {
    ccsp::wait_group inner;
    inner.add(1);
    ccsp::go([&] {
      Work(i);
      inner.done();
    });
    inner.wait();
  }
  for (int i = 0; i < 3; ++i) {
    ccsp::chan<int> result;
    ccsp::go([&, result] { result.send(i); });
    result.recv();
  }
  for (int i = 0; i < 3; ++i) {
    [&] { Work(i); }();  // not a task: runs right here
  }
  for (auto& t : threads) t.join();
  wg.wait();
  Rounds();
}
