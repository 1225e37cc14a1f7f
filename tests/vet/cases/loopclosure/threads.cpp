// loopclosure, positive: std::thread / std::jthread tasks that outlive the iteration: kept in
// a vector declared outside the loop (emplace_back of a lambda, push_back of a thread), or
// detached; a std::ref or an address of a loop variable passed as an argument.
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

void Work(const int& n) { std::printf("%d\n", n); }
void WorkPtr(const int* n) { std::printf("%d\n", *n); }

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] { std::printf("%d\n", i); });  // VET: loopclosure
  }
  for (int i = 0; i < 4; ++i) {
    threads.push_back(std::thread([&i] { Work(i); }));  // VET: loopclosure
  }
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(Work, std::ref(i));  // VET: loopclosure
  }
  for (int i = 0; i < 4; ++i) {
    std::thread t(WorkPtr, &i);  // VET: loopclosure
    threads.push_back(std::move(t));
  }
  for (int i = 0; i < 4; ++i) {
    std::thread([&] { Work(i); }).detach();  // VET: loopclosure
  }
  std::vector<std::jthread> jthreads;
  for (int i = 0; i < 4; ++i) {
    jthreads.emplace_back([&] { Work(i); });  // VET: loopclosure
  }
  for (auto& t : threads) t.join();
}
