// The same guarded read with the flag set: now the program does read `data` while another
// task writes it, unordered: a race at both lines, at every optimization level.
// EXPECT: race 12 16
#include <cstdio>
#include <thread>

int data;
int ready = 1;

__attribute__((noinline)) int Reader() {
  if (!ready) return -1;
  return data;
}

int main() {
  std::thread w([] { data = 42; });
  int r = Reader();
  w.join();
  std::printf("%d\n", r >= 0);
}
