// free() is a write of the whole block: freeing while another thread's write is unordered races.
// EXPECT: race 12 16
#include <atomic>
#include <cstdlib>
#include <thread>

std::atomic<int> written{0};

int main() {
  char* block = static_cast<char*>(std::malloc(256));
  std::thread t([block] {
    block[100] = 1;                                 // (A)
    written.store(1, std::memory_order_relaxed);    // relaxed: no happens-before
  });
  while (!written.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::free(block);                                 // (B)
  t.join();
}
