// chanclose, positive: a channel closed by the side that only receives from it (the book's
// ownership rule: the owner sends and closes), and a channel closed twice on a path.
#include <ccsp/ccsp.hpp>
#include <cstdio>

int Sum(ccsp::chan<int> in) {
  int sum = 0;
  for (int v : in) {
    sum += v;
    if (sum > 10) break;
  }
  in.close();  // VET: chanclose
  return sum;
}

void Consumer(const ccsp::chan<int>& in) {
  std::optional<int> v = in.recv();
  if (v) std::printf("%d\n", *v);
  in.close();  // VET: chanclose
}

int main() {
  ccsp::chan<int> values(8);
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&wg, values] {
    while (auto v = values.recv()) std::printf("%d\n", *v);
    values.close();  // VET: chanclose
    wg.done();
  });
  values.send(1);
  ccsp::chan<int> twice;
  twice.close();
  if (Sum(values) > 3) std::printf("big\n");
  twice.close();  // VET: chanclose
  Consumer(values);
  wg.wait();
}
