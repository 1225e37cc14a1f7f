// Two writers under the shared (reader) side of a std::shared_mutex: read locks do not
// order each other, a race.
// EXPECT: race 14 18
#include <cstdio>
#include <shared_mutex>
#include <thread>

std::shared_mutex mu;
int table;

int main() {
  std::thread t([] {
    std::shared_lock<std::shared_mutex> lock(mu);
    table = 1;  // (A) a write under a read lock
  });
  {
    std::shared_lock<std::shared_mutex> lock(mu);
    table = 2;  // (B)
  }
  t.join();
  std::printf("%d\n", table);
}
