// Fan-out, fan-in: a slow stage run by several tasks at once. The program finds ten primes among
// random numbers with a deliberately slow primality test, first with one finder stage, then with
// one finder per CPU all reading the same stream (fan-out) and a fan_in stage merging their outputs
// into one channel, and prints both times. The stage is order-independent and slow, the two
// conditions under which fanning out pays. fan_in closes its output once every input is drained (a
// wait group shared by its tasks tells it when). ccsp reports no race. CCSP_SAMPLE_FAST draws from
// a smaller range.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout Primes:
#include <algorithm>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <thread>
#include <variant>
#include <vector>

using Done = ccsp::chan<std::monostate>;

template <class T>
bool send_or_done(Done done, ccsp::chan<T> out, T v) {
  return ccsp::select(ccsp::send_case(out, std::move(v)), ccsp::recv_case(done)) == 0;
}

template <class T>
std::optional<T> recv_or_done(Done done, ccsp::chan<T> in) {
  std::optional<T> v;
  ccsp::select(ccsp::recv_case(in, [&](std::optional<T> got) { v = std::move(got); }),
               ccsp::recv_case(done));
  return v;
}

ccsp::chan<long> random_ints(Done done, long max) {
  ccsp::chan<long> out;
  ccsp::go([=] {
    std::mt19937_64 rng(std::random_device{}());
    while (send_or_done(done, out, static_cast<long>(rng() % max))) {
    }
    out.close();
  });
  return out;
}

// Passes on the primes of `in`, testing each the slow way.
ccsp::chan<long> prime_finder(Done done, ccsp::chan<long> in) {
  ccsp::chan<long> primes;
  ccsp::go([=] {
    while (auto candidate = recv_or_done(done, in)) {
      bool prime = *candidate > 1;
      for (long divisor = *candidate - 1; prime && divisor > 1; --divisor) {
        if (*candidate % divisor == 0) prime = false;
      }
      if (prime && !send_or_done(done, primes, *candidate)) break;
    }
    primes.close();
  });
  return primes;
}

template <class T>
ccsp::chan<T> fan_in(Done done, const std::vector<ccsp::chan<T>>& channels) {
  ccsp::chan<T> multiplexed;
  auto wg = std::make_shared<ccsp::wait_group>();
  wg->add(static_cast<std::ptrdiff_t>(channels.size()));
  for (const auto& c : channels) {
    ccsp::go([=] {
      while (auto v = recv_or_done(done, c)) {
        if (!send_or_done(done, multiplexed, std::move(*v))) break;
      }
      wg->done();
    });
  }
  ccsp::go([=] {
    wg->wait();
    multiplexed.close();
  });
  return multiplexed;
}

template <class T>
void print_first(const char* label, Done done, ccsp::chan<T> primes, int n) {
  const auto start = std::chrono::steady_clock::now();
  std::printf("%s Primes:\n", label);
  for (int i = 0; i < n; ++i) {
    auto p = recv_or_done(done, primes);
    if (!p) break;
    std::printf("\t%ld\n", *p);
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("Search took: %.3fs\n", took.count());
}

int main() {
  const long max = std::getenv("CCSP_SAMPLE_FAST") ? 50'000 : 5'000'000;
  {
    Done done;
    print_first("One finder.", done, prime_finder(done, random_ints(done, max)), 10);
    done.close();
  }
  {
    Done done;
    auto rand_stream = random_ints(done, max);
    const unsigned num_finders = std::max(2u, std::thread::hardware_concurrency());
    std::vector<ccsp::chan<long>> finders;
    for (unsigned i = 0; i < num_finders; ++i) finders.push_back(prime_finder(done, rand_stream));
    std::printf("Spinning up %u prime finders.\n", num_finders);
    print_first("Fanned out.", done, fan_in(done, finders), 10);
    done.close();
  }
}
