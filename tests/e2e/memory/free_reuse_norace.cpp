// A block freed by one thread and handed out again to another is a new object: no race,
// although nothing orders the two threads (the flag is relaxed).
// EXPECT: no-race
// EXPECT: stdout reused yes
// TSAN-DIFFERS: TSan's allocator does not hand the freed block out again, so the premise fails
#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

std::atomic<char*> freed{nullptr};
std::atomic<bool> reallocated{false};  // keeps the thread alive (its exit frees more memory)

int main() {
  mallopt(M_ARENA_MAX, 1);  // one arena: the other thread's free block can come back to main
  std::thread t([] {
    char* p = static_cast<char*>(std::malloc(4096));
    std::memset(p, 1, 4096);
    std::free(p);
    freed.store(p, std::memory_order_relaxed);
    while (!reallocated.load(std::memory_order_relaxed)) std::this_thread::yield();
  });
  char* old;
  while (!(old = freed.load(std::memory_order_relaxed))) std::this_thread::yield();
  char* q = static_cast<char*>(std::malloc(4096));
  std::memset(q, 2, 4096);
  reallocated.store(true, std::memory_order_relaxed);
  std::printf("reused %s\n", q == old ? "yes" : "no");
  std::free(q);
  t.join();
}
