// GoKer cockroach#9935 (double locking), FIXED as upstream did: output_log_entry releases
// mu before calling exit_logging on the error path. Run in the forced schedule (the cleanup
// first), which now only takes the error path.
// EXPECT: nothing
#include <atomic>
#include <mutex>
#include <thread>

struct Logging {
  std::mutex mu;
  std::atomic<bool> dir_removed{false};
  int entries = 0;
  bool create_file() { return !dir_removed.load(); }
  void exit_logging() {
    std::lock_guard<std::mutex> g(mu);
    entries = -1;
  }
  void output_log_entry() {
    mu.lock();
    if (!create_file()) {
      mu.unlock();
      exit_logging();
      return;
    }
    entries++;
    mu.unlock();
  }
};

int main() {
  auto* l = new Logging;
  std::thread cleanup([l] { l->dir_removed = true; });
  cleanup.join();
  std::thread logger([l] { l->output_log_entry(); });
  logger.join();
}
