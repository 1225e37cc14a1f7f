// Two threads write different elements of a std::vector: no race.
// EXPECT: no-race
#include <cstdio>
#include <thread>
#include <vector>

int main() {
  std::vector<int> v(4);
  std::thread t([&v] { v[0] = 10; });
  v[1] = 20;
  t.join();
  std::printf("%d %d\n", v[0], v[1]);
}
