// free() after joining the thread that wrote the block: ordered, no race.
// EXPECT: no-race
#include <cstdlib>
#include <thread>

int main() {
  char* block = static_cast<char*>(std::malloc(256));
  std::thread t([block] { block[100] = 1; });
  t.join();
  std::free(block);
}
