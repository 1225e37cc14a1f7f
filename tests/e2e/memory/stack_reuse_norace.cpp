// A finished thread's stack is reused by the next thread: the second thread's locals are
// fresh memory, not a race with the first's, although nothing orders the two threads.
// EXPECT: no-race
// EXPECT: stdout stack reused yes
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

std::atomic<char*> first_buf{nullptr};
std::atomic<char*> second_buf{nullptr};

__attribute__((noinline)) void fill(char* p, int n, char v) {
  for (int i = 0; i < n; i++) p[i] = static_cast<char>(v + i);
}

__attribute__((noinline)) int work(std::atomic<char*>* where, char v) {
  char buf[512];
  fill(buf, sizeof buf, v);
  where->store(buf, std::memory_order_relaxed);  // only the address, for the printout
  return buf[7];
}

int main() {
  std::thread([] { work(&first_buf, 1); }).detach();
  while (!first_buf.load(std::memory_order_relaxed)) std::this_thread::yield();
  usleep(50 * 1000);  // let the C library put the finished thread's stack in its cache
  std::thread t([] { work(&second_buf, 2); });
  t.join();
  std::printf("stack reused %s\n", first_buf.load() == second_buf.load() ? "yes" : "no");
}
