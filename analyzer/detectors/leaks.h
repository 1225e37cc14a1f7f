// Leaked tasks: when the program exits, a task still asleep in a blocking operation that
// nothing can end is leaked — Go's goroutine leak. A task is stuck when it is blocked without
// a timeout and nothing touched what it waits on after the wait began (otherwise the wake-up
// may simply not have been recorded before the exit). Leaks are reported only when every
// task but the exiting one is finished or stuck: a task still running (or in a timed wait)
// at the exit might have woken any of them. Never reported for traces without a normal exit
// (a crash cuts every task short) or after an all-asleep deadlock (already reported).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analyzer/findings/report_context.h"
#include "analyzer/hb/consumer.h"

namespace ccsp::analyzer {

class LeakDetector final : public Consumer {
 public:
  explicit LeakDetector(ReportContext& ctx) : ctx_(ctx) {}

  uint32_t interests() const override { return kSyncs; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext&) override;
  void OnFinish(const Engine& e) override;

 private:
  struct Watched {
    uint32_t waiters = 0;
    uint64_t last_touch = 0;  // seq of the last other event on the object
  };
  void Watch(const Task& t);
  void Unwatch(TaskIndex task);
  bool Stuck(const Task& t) const;

  ReportContext& ctx_;
  std::unordered_map<uint64_t, Watched> watched_;  // objects some task is blocked on
  std::unordered_map<TaskIndex, std::vector<uint64_t>> waits_;  // task -> its watched objects
};

}  // namespace ccsp::analyzer
