// A C++ program that exercises what the instrumentation must get right: templates, lambdas
// (and std::function), exceptions thrown through several frames and across threads,
// std::atomic of several sizes and orders, virtual calls, function-local statics, containers.
// Its output depends only on its inputs, so instrumented and plain builds print the same.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace demo {

template <class T, int N>
struct Matrix {
  T cells[N][N]{};
  T Trace() const {
    T sum{};
    for (int i = 0; i < N; ++i) sum += cells[i][i];
    return sum;
  }
};

template <class... Args>
auto Sum(Args... args) {
  return (args + ... + 0);
}

struct Shape {
  virtual ~Shape() = default;
  virtual double Area() const = 0;
  virtual std::string Name() const { return "shape"; }
};
struct Square : Shape {
  explicit Square(double s) : side(s) {}
  double Area() const override { return side * side; }
  std::string Name() const override { return "square"; }
  double side;
};
struct Rect : Shape {
  Rect(double w, double h) : w(w), h(h) {}
  double Area() const override { return w * h; }
  double w, h;
};

struct ParseError : std::runtime_error {
  explicit ParseError(const std::string& what, int at) : std::runtime_error(what), at(at) {}
  int at;
};

int ParseDigit(char c, int at) {
  if (c < '0' || c > '9') throw ParseError(std::string("not a digit: ") + c, at);
  return c - '0';
}

int ParseNumber(const std::string& s) {
  int value = 0;
  for (size_t i = 0; i < s.size(); ++i) value = value * 10 + ParseDigit(s[i], static_cast<int>(i));
  return value;
}

int destroyed = 0;
struct Tracker {
  ~Tracker() { ++destroyed; }
};

int ParseWithCleanup(const std::string& s) {
  Tracker t;
  std::vector<int> scratch(4, 1);
  return ParseNumber(s) + scratch[0];
}

int& CallCount() {
  static int count = 0;  // function-local static: initialized once
  return ++count, count;
}

}  // namespace demo

int main() {
  using namespace demo;

  Matrix<int, 3> m;
  for (int i = 0; i < 3; ++i) m.cells[i][i] = i + 1;
  Matrix<double, 2> md;
  md.cells[0][0] = 1.5;
  md.cells[1][1] = 2.25;
  std::printf("trace=%d %.2f sum=%d\n", m.Trace(), md.Trace(), Sum(1, 2, 3, 4));

  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(std::make_unique<Square>(3));
  shapes.push_back(std::make_unique<Rect>(2, 5));
  for (const auto& s : shapes) std::printf("%s %.1f\n", s->Name().c_str(), s->Area());

  // Exceptions through several frames, with cleanups on the way.
  for (const char* input : {"123", "4x6", "77"}) {
    try {
      std::printf("parsed %d\n", ParseWithCleanup(input));
    } catch (const ParseError& e) {
      std::printf("error '%s' at %d\n", e.what(), e.at);
    }
  }
  try {
    try {
      ParseNumber("?");
    } catch (const std::exception&) {
      throw;  // rethrow through an instrumented frame
    }
  } catch (const ParseError& e) {
    std::printf("rethrown at %d, destroyed=%d\n", e.at, destroyed);
  }

  // Lambdas: by reference, by value, generic, in std::function, in std::sort.
  int base = 10;
  auto add = [&base](int x) { return base + x; };
  auto scale = [factor = 3](auto x) { return x * factor; };
  std::function<int(int)> composed = [&](int x) { return add(scale(x)); };
  std::vector<int> values = {5, 3, 9, 1};
  std::sort(values.begin(), values.end(), [](int a, int b) { return a > b; });
  std::printf("lambda %d %.1f first=%d\n", composed(4), scale(1.5), values.front());

  // Threads and atomics.
  std::atomic<long> counter{0};
  std::atomic<bool> ready{false};
  std::atomic<int*> published{nullptr};
  std::atomic<unsigned char> small{0};
  std::atomic<long long> maximum{0};
  std::mutex mu;
  std::condition_variable cv;
  std::map<int, std::string> names;
  int payload = 0;
  std::exception_ptr failure;

  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) counter.fetch_add(1, std::memory_order_relaxed);
      small.fetch_add(1, std::memory_order_acq_rel);
      long long mine = (t + 1) * 100;
      long long seen = maximum.load(std::memory_order_acquire);
      while (mine > seen && !maximum.compare_exchange_weak(seen, mine, std::memory_order_acq_rel,
                                                           std::memory_order_acquire)) {
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        names[t] = "worker-" + std::to_string(t);
        CallCount();
      }
      if (t == 2) {
        try {
          ParseNumber("bad");
        } catch (...) {
          std::lock_guard<std::mutex> lock(mu);
          failure = std::current_exception();
        }
      }
    });
  }
  std::thread consumer([&] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return ready.load(std::memory_order_acquire); });
    int* p = published.load(std::memory_order_acquire);
    *p += 1;
  });
  payload = 41;
  published.store(&payload, std::memory_order_release);
  {
    std::lock_guard<std::mutex> lock(mu);
    ready.store(true, std::memory_order_release);
  }
  cv.notify_one();
  for (auto& w : workers) w.join();
  consumer.join();
  std::atomic_thread_fence(std::memory_order_seq_cst);

  std::printf("counter=%ld small=%d max=%lld payload=%d calls=%d\n", counter.load(),
              static_cast<int>(small.load()), maximum.load(), payload, CallCount());
  for (const auto& [id, name] : names) std::printf("%d=%s\n", id, name.c_str());
  try {
    if (failure) std::rethrow_exception(failure);
  } catch (const ParseError& e) {
    std::printf("worker failure '%s'\n", e.what());
  }
  std::vector<long> big(1000);
  std::iota(big.begin(), big.end(), 1);
  std::vector<long> copy = big;  // memcpy/memmove inside the library
  std::printf("copy sum=%ld\n", std::accumulate(copy.begin(), copy.end(), 0L));
  return 0;
}
