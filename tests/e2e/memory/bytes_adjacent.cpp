// Two threads write the same byte of a char array: a race.
// EXPECT: race 9 10
#include <cstdio>
#include <thread>

char flags[8];

int main() {
  std::thread t([] { flags[1] = 'a'; });  // (A)
  flags[1] = 'b';                         // (B)
  t.join();
  std::printf("%c\n", flags[1]);
}
