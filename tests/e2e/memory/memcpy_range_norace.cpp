// memcpy ranges that touch but do not overlap ([0,64) written, [64,80) read): no race.
// EXPECT: args 64 64 16
// EXPECT: no-race
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

char src[128], buf[128], dst[128];

int main(int argc, char** argv) {
  if (argc != 4) return 1;
  std::size_t n = std::atoi(argv[1]), off = std::atoi(argv[2]), len = std::atoi(argv[3]);
  std::thread t([n] { std::memcpy(buf, src, n); });  // writes buf[0, n)
  std::memcpy(dst, buf + off, len);                  // reads buf[off, off + len)
  t.join();
  std::printf("%d\n", dst[0]);
}
