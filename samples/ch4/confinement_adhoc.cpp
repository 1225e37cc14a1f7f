// Ad hoc confinement: data kept safe by convention only. The vector `data` is reachable from main
// and from the loop task, and only a convention ("after the task starts, only load_data touches
// data") keeps it safe. The convention holds here, so every access to data happens in one task and
// ccsp reports no race; but nothing enforces it, and the first edit that reads data in main while
// the task runs is a data race (which ccsp would then report). Compare confinement_lexical.cpp,
// where the compiler enforces the confinement.
//
// EXPECT: no-race
// EXPECT: stdout 1 2 3 4
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <vector>

int main() {
  std::vector<int> data{1, 2, 3, 4};  // by convention, only load_data reads this

  auto load_data = [&data](ccsp::chan<int> handle) {
    for (int v : data) handle.send(v);
    handle.close();
  };

  ccsp::chan<int> handle;
  ccsp::go(load_data, handle);
  for (int v : handle) std::printf("%d ", v);
  std::printf("\n");
}
