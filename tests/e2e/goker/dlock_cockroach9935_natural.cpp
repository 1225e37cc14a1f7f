// GoKer cockroach#9935 (double locking), NATURAL schedule: the cleanup usually comes after
// the entry was written (here it waits for the entry on a relaxed flag, timing only), the
// file opens, and the relock path never runs. NOT PREDICTED: no run-time analysis can
// report a relock on a path this run did not take.
// EXPECT: nothing
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

// The lucky order, made reliable without ordering anything: a relaxed flag is no
// happens-before edge (a sleep would do the same, less reliably under load).
std::atomic<bool> logged{false};

struct Logging {
  std::mutex mu;
  std::atomic<bool> dir_removed{false};
  int entries = 0;
  bool create_file() { return !dir_removed.load(); }
  void exit_logging() {
    std::lock_guard<std::mutex> g(mu);  // flush before exiting: mu is held already
    entries = -1;
  }
  void output_log_entry() {
    mu.lock();
    if (!create_file()) exit_logging();
    entries++;
    mu.unlock();
  }
};

int main() {
  auto* l = new Logging;
  std::thread cleanup([l] {
    while (!logged.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // timing, not ordering
    l->dir_removed = true;
  });
  std::thread logger([l] {
    l->output_log_entry();
    logged.store(true, std::memory_order_relaxed);
  });
  cleanup.join();
  logger.join();
}
