// A 4-byte write overlapping only the last byte of another thread's 8-byte write: a race.
// EXPECT: race 13 16
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <thread>

alignas(16) unsigned char buf[16];

int main() {
  std::thread t([] {
    std::uint64_t v = 0x0102030405060708;
    std::memcpy(buf, &v, sizeof v);      // (A) bytes 0..7
  });
  std::uint32_t w = 0xaabbccdd;
  std::memcpy(buf + 7, &w, sizeof w);    // (B) bytes 7..10
  t.join();
  std::printf("%d\n", buf[8]);
}
