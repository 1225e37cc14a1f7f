// The cost of CPU sampling on one busy task, measured by the task itself (not a test): an
// instrumented loop that records an access per element and a function frame per row, timed on
// the thread's own CPU clock, so other load on the machine changes it little. Prints the CPU
// nanoseconds of the loop; sampling_overhead.sh runs it with cpu_profile_hz=0/100/1000.
#include <time.h>

#include <cstdint>
#include <cstdio>
#include <vector>

static uint64_t ThreadCpuNs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
}

__attribute__((noinline)) static uint64_t Row(std::vector<uint64_t>& v, uint64_t seed) {
  uint64_t x = seed;
  for (uint64_t& e : v) {  // one recorded write per element (a Run record per row)
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    e ^= x >> 17;
  }
  return x;
}

int main() {
  std::vector<uint64_t> v(4096);
  uint64_t x = 1, t0 = ThreadCpuNs();
  for (int i = 0; i < 60000; ++i) x = Row(v, x);
  std::printf("%llu %llu\n", (unsigned long long)(ThreadCpuNs() - t0), (unsigned long long)(x & 1));
}
