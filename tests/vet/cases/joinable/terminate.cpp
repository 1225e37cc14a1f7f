// joinable, positive: a std::thread that can be destroyed while joinable (std::terminate):
// never joined, joined only on some paths, or a temporary thrown away at once.
#include <cstdio>
#include <thread>

void Work() { std::printf("work\n"); }

void Never() {
  std::thread t(Work);  // VET: joinable
}

int EarlyReturn(bool fail) {
  std::thread t(Work);  // VET: joinable
  if (fail) return 1;
  t.join();
  return 0;
}

void LoopBreak(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t([i] { std::printf("%d\n", i); });  // VET: joinable
    if (i == 2) break;
    t.join();
  }
}

void Temporary() {
  std::thread{Work};  // VET: joinable
}

int main() {
  Never();
  EarlyReturn(false);
  LoopBreak(1);
  Temporary();
}
