// CPU profile of two busy loops whose CPU times are in a known ratio: heavy() spins three
// times as many iterations as light(), each in its own task, so heavy() has three times the
// samples (and cpu/nanoseconds) of light(), on any machine and under any load.
//
// PROFILE: cpu cpu/nanoseconds ratio heavy light in 2.5 3.6
// PROFILE: cpu samples/count at light in 10 1000000
#include <cstdint>
#include <thread>

volatile uint64_t sink;

__attribute__((noinline)) uint64_t spin(uint64_t n) {
  uint64_t x = 0;
  for (uint64_t i = 0; i < n; ++i) x += i * i ^ (x >> 3);
  return x;
}

void heavy() { sink = spin(3 * 150000000ull); }
void light() { sink = spin(150000000ull); }

int main() {
  std::thread a(heavy), b(light);
  a.join();
  b.join();
}
