// A writer under the exclusive lock, two readers under the shared lock reading concurrently:
// no race (readers do not race with each other; write unlock -> read lock, read unlock ->
// write lock).
// EXPECT: no-race
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <thread>

std::shared_mutex mu;
int table;

int read_table() {
  std::shared_lock<std::shared_mutex> lock(mu);
  return table;
}

int main() {
  std::thread writer([] {
    std::unique_lock<std::shared_mutex> lock(mu);
    table = 42;
  });
  int a = 0, b = 0;
  std::thread reader([&a] { a = read_table(); });
  b = read_table();
  writer.join();
  reader.join();
  std::printf("%d %d\n", a == 0 || a == 42, b == 0 || b == 42);
}
