// memcpy ranges (sizes from argv, so they stay calls): [0,64) written, [32,48) read: a race.
// EXPECT: args 64 32 16
// EXPECT: race 14 15
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

char src[128], buf[128], dst[128];

int main(int argc, char** argv) {
  if (argc != 4) return 1;
  std::size_t n = std::atoi(argv[1]), off = std::atoi(argv[2]), len = std::atoi(argv[3]);
  std::thread t([n] { std::memcpy(buf, src, n); });  // (A) writes buf[0, n)
  std::memcpy(dst, buf + off, len);                  // (B) reads buf[off, off + len)
  t.join();
  std::printf("%d\n", dst[0]);
}
