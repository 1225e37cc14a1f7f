// C++20 std::barrier (atomics and futex waits inside libstdc++'s header code): writes before
// arrive_and_wait are visible after it, over two phases, no race.
// EXPECT: no-race
// EXPECT: stdout 6
#include <barrier>
#include <cstdio>
#include <thread>

int cells[2];

int main() {
  std::barrier sync(2);
  std::thread t([&sync] {
    cells[1] = 1;
    sync.arrive_and_wait();
    sync.arrive_and_wait();  // phase 2: main has updated cells[1]
    cells[1] += cells[0];
  });
  cells[0] = 2;
  sync.arrive_and_wait();
  cells[1] *= 3;
  sync.arrive_and_wait();
  t.join();
  std::printf("%d\n", cells[1] + cells[0] - 1);
}
