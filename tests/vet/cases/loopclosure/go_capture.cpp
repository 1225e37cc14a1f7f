// loopclosure, positive: ccsp::go tasks that capture a variable of the iteration by
// reference, implicitly ([&]) or explicitly ([&i]), with nothing in the iteration waiting.
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

void Implicit() {
  ccsp::wait_group wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    ccsp::go([&] {
      std::printf("%d\n", i);  // VET: loopclosure
      wg.done();
    });
  }
  wg.wait();
}

void Explicit(ccsp::wait_group& wg) {
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    ccsp::go([&i, &wg] {  // VET: loopclosure
      std::printf("%d\n", i);
      wg.done();
    });
  }
}

void RangeVariable(const std::vector<std::string>& names, ccsp::wait_group& wg) {
  for (std::string name : names) {
    wg.add(1);
    ccsp::go([&] {
      std::printf("%s\n", name.c_str());  // VET: loopclosure
      wg.done();
    });
  }
}

void BodyVariable(ccsp::wait_group& wg) {
  int n = 0;
  while (n < 3) {
    int square = n * n;
    wg.add(1);
    ccsp::go([&] {
      std::printf("%d %d\n", square, n);  // VET: loopclosure
      wg.done();
    });
    ++n;
  }
}

void StructuredBinding(const std::map<int, int>& m, ccsp::wait_group& wg) {
  for (auto [k, v] : m) {
    wg.add(1);
    ccsp::go([&] {
      std::printf("%d\n", k + v);  // VET: loopclosure
      wg.done();
    });
  }
}

void NamedLambda(ccsp::wait_group& wg) {
  for (int i = 0; i < 3; ++i) {
    auto task = [&] {
      std::printf("%d\n", i);  // VET: loopclosure
      wg.done();
    };
    wg.add(1);
    ccsp::go(task);
  }
}

int main() {
  ccsp::wait_group wg;
  Implicit();
  Explicit(wg);
  RangeVariable({"a", "b"}, wg);
  BodyVariable(wg);
  StructuredBinding({{1, 2}}, wg);
  NamedLambda(wg);
  wg.wait();
}
