// Potential deadlocks from the lock-order graph. Every time a task acquires lock B while it
// holds lock A, the edge A -> B is recorded with where both were taken; a cycle in the graph
// is a schedule that can deadlock even though this run did not. Three classic false
// positives are removed before anything is reported:
//   - single-task cycles: every edge of a cycle must come from a different task;
//   - gate locks: two edges taken while both tasks held a common lock (exclusively by at
//     least one) can never be waiting at the same time;
//   - happens-before-ordered acquisitions: edges whose acquisitions are ordered by
//     something other than the cycle's locks (task start/join, channels, wait groups,
//     conditions, atomics...) cannot overlap. This is decided on a second look: a replay
//     with the mutex and rwlock edges left out (Consumer::SecondLook), so the locks' own
//     release->acquire edges of this particular run do not hide the inversion. It runs only
//     when a candidate cycle exists, and only the candidates' acquisitions are captured.
// Read-mode rwlock acquisitions only block on writers: a cycle needs every "waits for" step
// to involve a writer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/base/flat_set.h"
#include "analyzer/findings/report_context.h"
#include "analyzer/hb/consumer.h"
#include "analyzer/hb/engine.h"
#include "trace/codec.h"

namespace ccsp::analyzer {

class ClockGrabber;

class LockOrder final : public Consumer {
 public:
  static constexpr size_t kMaxInstancesPerEdge = 4;  // first acquisitions of distinct tasks
  static constexpr size_t kMaxCycleLength = 6;
  static constexpr size_t kMaxCycles = 64;
  static constexpr uint64_t kMaxSearchSteps = 20'000'000;  // BFS visits, all searches together

  using Held = HeldLock;
  // One acquisition that created or repeated an edge.
  struct Instance {
    TaskId task = TaskId::kNone;
    uint64_t seq = 0;  // of the acquiring record: identifies it in the second replay
    Held held;         // the lock held (the edge's source)
    Held acquired;     // the lock taken (the edge's target)
    std::vector<Held> holding;  // every lock the task held at that moment
  };
  // A cycle with the instances that survive the static filters, per edge.
  struct Candidate {
    std::vector<std::vector<const Instance*>> choices;  // [edge][instance]
  };

  explicit LockOrder(ReportContext& ctx);
  ~LockOrder() override;

  uint32_t interests() const override { return kSyncs; }
  void OnSync(const Task& t, const trace::Record& r, const SyncContext&) override;
  bool WantsSync(trace::SyncKind k) const override {
    return k == trace::SyncKind::kMutexLock || k == trace::SyncKind::kRwRdLock ||
           k == trace::SyncKind::kRwWrLock;
  }
  void OnFinish(const Engine& e) override;
  Consumer* SecondLook(EngineOptions& opts) override;
  void OnSecondLookDone() override;

  // Cycles that pass the single-task, gate-lock and rwlock-mode filters.
  std::vector<Candidate> Candidates() const;

  // Picks, for a candidate, one instance per edge such that all pairs are concurrent under
  // `ordered(a, b)` (true when a's acquisition happens before b's). Empty when none.
  template <class Ordered>
  static std::vector<const Instance*> Choose(const Candidate& c, Ordered ordered);

 private:
  struct Edge {
    std::vector<Instance> instances;
  };
  void Acquire(const Task& t, const trace::Record& r);
  std::unordered_map<uint64_t, uint32_t> Components() const;
  void FindCycles(std::vector<std::vector<uint64_t>>& out) const;

  ReportContext& ctx_;
  std::map<std::pair<uint64_t, uint64_t>, Edge> edges_;
  std::map<uint64_t, std::vector<uint64_t>> successors_;
  FlatSet64 chains_;  // (task, held set, acquired lock) already seen
  std::vector<Candidate> candidates_;
  mutable bool truncated_ = false;  // FindCycles hit kMaxSearchSteps
  std::unique_ptr<ClockGrabber> grab_;
};

// Two instances may be waiting at the same time: different tasks and no common lock held
// exclusively by either.
bool MayOverlap(const LockOrder::Instance& a, const LockOrder::Instance& b);
// `waiter`'s acquisition blocks while `holder` holds that lock: not a read after a read.
inline bool Blocks(const LockOrder::Instance& waiter, const LockOrder::Instance& holder) {
  return !(waiter.acquired.read && holder.held.read);
}

template <class Ordered>
std::vector<const LockOrder::Instance*> LockOrder::Choose(const Candidate& c, Ordered ordered) {
  std::vector<const Instance*> pick(c.choices.size(), nullptr);
  // Depth-first over the (few) instances per edge.
  const size_t n = c.choices.size();
  auto fits = [&](size_t k, const Instance* in) {
    if (k > 0 && !Blocks(*pick[k - 1], *in)) return false;
    if (k + 1 == n && !Blocks(*in, *pick[0])) return false;
    for (size_t i = 0; i < k; ++i)
      if (!MayOverlap(*pick[i], *in) || ordered(*pick[i], *in) || ordered(*in, *pick[i])) return false;
    return true;
  };
  std::vector<size_t> next(c.choices.size(), 0);
  size_t k = 0;
  while (true) {
    if (k == c.choices.size()) return pick;
    bool placed = false;
    while (next[k] < c.choices[k].size()) {
      const Instance* in = c.choices[k][next[k]++];
      if (fits(k, in)) {
        pick[k++] = in;
        placed = true;
        break;
      }
    }
    if (placed) continue;
    if (k == 0) return {};
    next[k] = 0;
    --k;
  }
}

}  // namespace ccsp::analyzer
