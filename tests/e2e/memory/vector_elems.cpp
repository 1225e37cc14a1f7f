// Two threads write the same element of a std::vector: a race.
// EXPECT: race 9 10
#include <cstdio>
#include <thread>
#include <vector>

int main() {
  std::vector<int> v(4);
  std::thread t([&v] { v[1] = 10; });  // (A)
  v[1] = 20;                           // (B)
  t.join();
  std::printf("%d\n", v[1]);
}
