// Two threads write adjacent bytes: byte-precise shadow, no race.
// EXPECT: no-race
#include <cstdio>
#include <thread>

char flags[8];

int main() {
  std::thread t([] { flags[0] = 'a'; });
  flags[1] = 'b';
  t.join();
  std::printf("%c%c\n", flags[0], flags[1]);
}
