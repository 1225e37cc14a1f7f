// A 4-byte write right after another thread's 8-byte write (no shared byte): no race.
// EXPECT: no-race
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <thread>

alignas(16) unsigned char buf[16];

int main() {
  std::thread t([] {
    std::uint64_t v = 0x0102030405060708;
    std::memcpy(buf, &v, sizeof v);      // bytes 0..7
  });
  std::uint32_t w = 0xaabbccdd;
  std::memcpy(buf + 8, &w, sizeof w);    // bytes 8..11
  t.join();
  std::printf("%d %d\n", buf[7], buf[8]);
}
