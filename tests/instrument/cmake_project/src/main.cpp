#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

#include "shapes.h"
#include "tally.h"

int main() {
  std::vector<std::unique_ptr<geo::Shape>> shapes;
  shapes.push_back(geo::make_circle(1));
  shapes.push_back(geo::make_rect(2, 3));
  try {
    shapes.push_back(geo::make_circle(-1));
  } catch (const std::invalid_argument& e) {
    std::printf("rejected: %s\n", e.what());
  }
  std::printf("area=%.1f\n", geo::total_area(shapes, [](const geo::Shape&) { return 2.0; }));

  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& s : shapes) tally_add(s->name().c_str(), t + 1);
      done.fetch_add(1);
    });
  }
  for (auto& th : threads) th.join();
  std::printf("done=%d circle=%ld rect=%ld\n", done.load(), tally_get("circle"), tally_get("rect"));
  return 0;
}
