// Both threads take a then b: one global lock order, no potential deadlock.
// EXPECT: nothing
// EXPECT: stdout 2
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex a, b;
int transfers;

void transfer() {
  std::lock_guard<std::mutex> la(a);
  std::lock_guard<std::mutex> lb(b);
  transfers++;
}

int main() {
  std::thread t1(transfer);
  std::thread t2([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    transfer();
  });
  t1.join();
  t2.join();
  std::printf("%d\n", transfers);
}
