// Lock-order inversion: one thread takes a then b, another later takes b then a. It does not
// deadlock in this run (the second thread starts late), but the order cycle is a potential
// deadlock.
// EXPECT: deadlock 16 22
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex a, b;
int transfers;

int main() {
  std::thread t1([] {
    std::lock_guard<std::mutex> la(a);
    std::lock_guard<std::mutex> lb(b);  // (A) b while holding a
    transfers++;
  });
  std::thread t2([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::lock_guard<std::mutex> lb(b);
    std::lock_guard<std::mutex> la(a);  // (B) a while holding b
    transfers++;
  });
  t1.join();
  t2.join();
  std::printf("%d\n", transfers);
}
