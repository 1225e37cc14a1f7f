// GoKer cockroach#9935 (double locking). loggingT::output_log_entry holds mu while it
// creates the log file; when that fails it calls exit_logging, which locks mu again. The
// file fails to open when a concurrent cleanup removed the log directory.
// FORCED: the cleanup runs first, so the entry takes the error path and the logging task
// waits for itself; main returns and the one-task deadlock is reported at exit.
// EXPECT: misuse double-lock 21
// EXPECT: deadlock actual 21
// EXPECT: exit 0
// TSAN-DIFFERS: TSan reports the relock as a double lock and has no wait-for cycle check
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

struct Logging {
  std::mutex mu;
  std::atomic<bool> dir_removed{false};
  int entries = 0;
  bool create_file() { return !dir_removed.load(); }
  void exit_logging() {
    std::lock_guard<std::mutex> g(mu);  // (A) flush before exiting: mu is held already
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
  auto* l = new Logging;  // shared with the tasks for the life of the process, as in Go
  std::thread cleanup([l] { l->dir_removed = true; });
  cleanup.join();  // forcing: the directory is gone before the entry is written
  std::thread([l] { l->output_log_entry(); }).detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the task is stuck by now
}
