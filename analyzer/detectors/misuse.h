// Conditions the runtime detected itself and recorded: misuse (kMisuse + a kMetaPanic
// message) and the all-asleep watchdog (kAllAsleep). They become findings of kind "misuse"
// and "all-asleep" with the same shape as races (stacks, tasks). Panic messages that no
// record claimed (the trace was cut between the message and the event) are still reported.
#pragma once

#include <string>
#include <vector>

#include "analyzer/findings/report_context.h"
#include "analyzer/hb/consumer.h"

namespace ccsp::analyzer {

class MisuseDetector final : public Consumer {
 public:
  explicit MisuseDetector(ReportContext& ctx) : ctx_(ctx) {}

  uint32_t interests() const override { return kSyncs; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext&) override;
  bool WantsSync(trace::SyncKind k) const override {
    return k == trace::SyncKind::kMisuse || k == trace::SyncKind::kAllAsleep;
  }
  void OnFinish(const Engine& e) override;

 private:
  void AllAsleep(const Task& t);
  template <class Pred>
  std::string TakePanic(TaskId task, Pred pred);

  ReportContext& ctx_;
  std::vector<bool> panic_used_;
};

}  // namespace ccsp::analyzer
