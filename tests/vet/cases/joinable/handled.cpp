// joinable, negative: threads joined or detached on every path, tested with joinable(),
// moved into a container or out of the function, std::jthread, paths that end the program,
// and joins under correlated conditions (one of the two always runs).
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <utility>
#include <vector>

void Work() { std::printf("work\n"); }

std::thread Start() {
  std::thread t(Work);
  return t;
}

void Correlated(bool race) {
  std::thread first(Work);
  if (!race) first.join();
  std::thread second(Work);
  second.join();
  if (race) first.join();
}

int main(int argc, char**) {
  std::thread a(Work);
  a.join();
  std::thread b(Work);
  b.detach();
  std::thread c(Work);
  if (argc > 5) c.detach();
  if (c.joinable()) c.join();
  std::vector<std::thread> all;
  std::thread d(Work);
  all.push_back(std::move(d));
  std::jthread e(Work);
  std::thread f;
  std::thread g(Work);
  if (argc > 3) std::abort();
  g.join();
  std::thread([] { Work(); }).detach();
  std::thread h = Start();
  h.join();
  for (auto& t : all) t.join();
  Correlated(argc > 1);
}
