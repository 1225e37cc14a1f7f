// Rate limiting with token buckets, alone and combined in a multi-limiter. A Limiter holds up to
// `burst` tokens refilled at a steady rate, and wait() takes one, sleeping until it is available
// (or the context is cancelled). First twenty API calls share one limiter of one call per second.
// Then a MultiLimiter combines limits (the API allows two calls a second and ten a minute, disk
// reads one a second, the network three a second) and each call waits on every limit that applies
// to it, so bursts pass but the per-minute cap holds. The program prints when each call went
// through, in seconds of the limiter's clock. Buckets are guarded by mutexes: ccsp reports no race.
// Time runs ten times faster than the book's (CCSP_SAMPLE_FAST: five hundred times).
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
// EXPECT: stdout ResolveAddress
#include <algorithm>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <vector>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const Clock::duration kSecond = std::getenv("CCSP_SAMPLE_FAST") ? Clock::duration(2ms) : 100ms;
const Clock::duration kMinute = 60 * kSecond;

// A token bucket: one token per `interval`, at most `burst` saved up.
class Limiter {
 public:
  Limiter(Clock::duration interval, int burst)
      : interval_(interval), burst_(burst), tokens_(burst), last_(Clock::now()) {}

  // Takes a token, waiting for it if need be; fails only if ctx is cancelled first.
  std::optional<ccsp::ctx_error> wait(const ccsp::context& ctx) {
    Clock::duration delay{};
    {
      std::lock_guard lock(mu_);
      const auto now = Clock::now();
      tokens_ = std::min<double>(burst_, tokens_ + (now - last_) / interval_);
      last_ = now;
      tokens_ -= 1;  // reserve; a negative balance is a queue of waiters
      if (tokens_ < 0) delay = std::chrono::duration_cast<Clock::duration>(-tokens_ * interval_);
    }
    if (delay == Clock::duration::zero()) return std::nullopt;
    std::optional<ccsp::ctx_error> err;
    ccsp::select(ccsp::recv_case(ccsp::after(delay)),
                 ccsp::recv_case(ctx.done(), [&] { err = ctx.err(); }));
    if (err) {
      std::lock_guard lock(mu_);
      tokens_ += 1;  // give the reservation back
    }
    return err;
  }

  Clock::duration interval() const { return interval_; }

 private:
  std::mutex mu_;
  const Clock::duration interval_;
  const int burst_;
  double tokens_;
  Clock::time_point last_;
};

// Waits on several limiters; the most restrictive is consulted first.
class MultiLimiter {
 public:
  MultiLimiter(std::initializer_list<Limiter*> limiters) : limiters_(limiters) {
    std::sort(limiters_.begin(), limiters_.end(),
              [](Limiter* a, Limiter* b) { return a->interval() > b->interval(); });
  }
  std::optional<ccsp::ctx_error> wait(const ccsp::context& ctx) {
    for (Limiter* l : limiters_) {
      if (auto err = l->wait(ctx)) return err;
    }
    return std::nullopt;
  }

 private:
  std::vector<Limiter*> limiters_;
};

void print_at(Clock::time_point start, const char* what) {
  std::printf("%6.2f %s\n", std::chrono::duration<double>(Clock::now() - start) / kSecond, what);
}

void run(const char* title, MultiLimiter& read_file, MultiLimiter& resolve_address) {
  std::printf("%s\n", title);
  const auto start = Clock::now();
  const auto ctx = ccsp::background();
  ccsp::wait_group wg;
  wg.add(20);
  for (int i = 0; i < 10; ++i) {
    ccsp::go([&] {
      if (!read_file.wait(ctx)) print_at(start, "ReadFile");
      wg.done();
    });
    ccsp::go([&] {
      if (!resolve_address.wait(ctx)) print_at(start, "ResolveAddress");
      wg.done();
    });
  }
  wg.wait();
}

int main() {
  Limiter one_per_second(kSecond, 1);
  MultiLimiter simple{&one_per_second};
  run("One limiter, one call per second:", simple, simple);

  Limiter api_per_second(kSecond / 2, 2), api_per_minute(kMinute / 10, 10);
  Limiter disk(kSecond, 1), network(kSecond / 3, 3);
  MultiLimiter read_file{&api_per_second, &api_per_minute, &disk};
  MultiLimiter resolve_address{&api_per_second, &api_per_minute, &network};
  run("API: 2/s and 10/min; disk 1/s; network 3/s:", read_file, resolve_address);
}
