// Lock-order graph upkeep and cycle search (see lock_order.h).
#include "analyzer/lock_order.h"

#include <algorithm>
#include <deque>
#include <set>

#include "analyzer/replay.h"

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

void LockOrder::OnSync(const TaskState& t, const Record& r) {
  switch (r.sync_kind) {
    case SyncKind::kMutexLock: Acquire(t.id, t, r, false); break;
    case SyncKind::kRwRdLock: Acquire(t.id, t, r, true); break;
    case SyncKind::kRwWrLock: Acquire(t.id, t, r, false); break;
    case SyncKind::kMutexUnlock:
    case SyncKind::kRwUnlock: Release(t.id, r.addr); break;
    case SyncKind::kTaskEnd:
    case SyncKind::kProcessExit: held_.erase(t.id); break;
    default: break;
  }
}

// Returns false for a re-acquisition of a lock already held (recursive mutex).
bool LockOrder::Acquire(uint32_t task, const TaskState& t, const Record& r, bool read) {
  std::vector<Held>& held = held_[task];
  for (Held& h : held)
    if (h.lock == r.addr) {
      ++h.depth;
      return false;
    }
  Held now{r.addr, read, 1, t.stack, r.site};
  // A trylock or timed lock never waits forever, so it is no edge target; the lock it got is
  // held all the same.
  bool waits = r.sync_kind != SyncKind::kMutexLock || !(r.arg1 & (trace::kMutexTry | trace::kMutexTimed));
  if (waits) {
    for (const Held& h : held) {
      Edge& e = edges_[{h.lock, r.addr}];
      if (e.instances.empty()) successors_[h.lock].push_back(r.addr);
      if (e.instances.size() >= kMaxInstancesPerEdge) continue;
      bool seen = false;
      for (const Instance& in : e.instances) seen |= in.task == task;
      if (seen) continue;
      e.instances.push_back(Instance{task, r.seq, h, now, held});
    }
  }
  held.push_back(now);
  return true;
}

void LockOrder::Release(uint32_t task, uint64_t lock) {
  auto it = held_.find(task);
  if (it == held_.end()) return;
  std::vector<Held>& held = it->second;
  for (size_t i = held.size(); i-- > 0;)
    if (held[i].lock == lock) {
      if (--held[i].depth == 0) held.erase(held.begin() + static_cast<long>(i));
      return;
    }
}

bool MayOverlap(const LockOrder::Instance& a, const LockOrder::Instance& b) {
  if (a.task == b.task) return false;
  for (const LockOrder::Held& x : a.holding)
    for (const LockOrder::Held& y : b.holding)
      if (x.lock == y.lock && !(x.read && y.read)) return false;  // a gate lock
  return true;
}

// Each edge u -> v closes a cycle with the shortest path v ~> u (breadth first). Cycles are
// kept once, rotated to start at their smallest lock.
void LockOrder::FindCycles(std::vector<std::vector<uint64_t>>& out) const {
  std::set<std::vector<uint64_t>> seen;
  for (const auto& [key, edge] : edges_) {
    if (out.size() >= kMaxCycles) return;
    auto [u, v] = key;
    if (u == v) continue;
    std::map<uint64_t, uint64_t> parent{{v, v}};
    std::deque<std::pair<uint64_t, size_t>> queue{{v, 1}};
    bool found = false;
    while (!queue.empty() && !found) {
      auto [x, len] = queue.front();
      queue.pop_front();
      if (len >= kMaxCycleLength) continue;
      auto s = successors_.find(x);
      if (s == successors_.end()) continue;
      for (uint64_t y : s->second) {
        if (parent.count(y)) continue;
        parent[y] = x;
        if (y == u) {
          found = true;
          break;
        }
        queue.emplace_back(y, len + 1);
      }
    }
    if (!found) continue;
    std::vector<uint64_t> cycle;  // u, v, ..., (back to u)
    for (uint64_t x = u; x != v; x = parent[x]) cycle.push_back(x);
    cycle.push_back(v);
    std::reverse(cycle.begin() + 1, cycle.end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    if (seen.insert(cycle).second) out.push_back(std::move(cycle));
  }
}

std::vector<LockOrder::Candidate> LockOrder::Candidates() const {
  std::vector<std::vector<uint64_t>> cycles;
  FindCycles(cycles);
  std::vector<Candidate> out;
  for (const std::vector<uint64_t>& cycle : cycles) {
    Candidate c;
    for (size_t i = 0; i < cycle.size(); ++i) {
      const Edge& e = edges_.at({cycle[i], cycle[(i + 1) % cycle.size()]});
      std::vector<const Instance*> list;
      for (const Instance& in : e.instances) list.push_back(&in);
      c.choices.push_back(std::move(list));
    }
    // Statically feasible at all (ignoring happens-before)?
    if (!Choose(c, [](const Instance&, const Instance&) { return false; }).empty())
      out.push_back(std::move(c));
  }
  return out;
}

}  // namespace ccsp::analyzer

namespace ccsp::analyzer {
namespace {

// Captures, in the replay without lock edges, each wanted acquisition's task clock.
class ClockGrabber : public ReplayObserver {
 public:
  struct At {
    TaskIndex task = kNoTask;
    VectorClock clock;
  };
  std::unordered_map<uint64_t, At> clocks;  // by seq; pre-filled with the wanted ones

  void OnEvent(const TaskState& t, const Record& r) override {
    if (r.op != trace::kOpSync || r.seq == 0) return;
    auto it = clocks.find(r.seq);
    if (it == clocks.end()) return;
    it->second.task = t.index;
    it->second.clock.CopyFrom(t.clock);
  }
};

uint64_t Mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull; }

Finding MakeFinding(const std::vector<const LockOrder::Instance*>& cycle, const Replay& r) {
  Finding f;
  f.kind = FindingKind::kDeadlock;
  f.message = "lock-order inversion: " + std::to_string(cycle.size()) + " locks taken in a cycle by " +
              std::to_string(cycle.size()) + " tasks";
  for (const LockOrder::Instance* in : cycle) {
    LockEdgeDesc e;
    e.held = in->held.lock;
    e.acquired = in->acquired.lock;
    e.held_read = in->held.read;
    e.acquired_read = in->acquired.read;
    e.task = in->task;
    e.acquire_stack = r.ExpandStack(in->acquired.stack, in->acquired.site);
    e.held_stack = r.ExpandStack(in->held.stack, in->held.site);
    f.edges.push_back(std::move(e));
    f.tasks.push_back(r.DescribeTask(in->task));
  }
  return f;
}

}  // namespace

void ReportLockOrderCycles(const LockOrder& order, Replay& first, TraceFile& file, const Metadata& meta) {
  std::vector<LockOrder::Candidate> candidates = order.Candidates();
  if (candidates.empty()) return;
  ClockGrabber grab;
  for (const LockOrder::Candidate& c : candidates)
    for (const auto& list : c.choices)
      for (const LockOrder::Instance* in : list) grab.clocks[in->seq];
  ReplayOptions ro;
  ro.detect_races = false;
  ro.detect_leaks = false;
  ro.lock_edges = false;
  Diagnostics quiet;  // the first replay already said everything about the trace
  Replay second(file, meta, quiet, ro);
  second.set_observer(&grab);
  second.Run();
  auto ordered = [&](const LockOrder::Instance& a, const LockOrder::Instance& b) {
    auto ia = grab.clocks.find(a.seq), ib = grab.clocks.find(b.seq);
    if (ia == grab.clocks.end() || ib == grab.clocks.end() || ia->second.task == kNoTask ||
        ib->second.task == kNoTask)
      return false;  // not seen again: assume concurrent
    return ia->second.clock.Get(ia->second.task) <= ib->second.clock.Get(ia->second.task);
  };
  for (const LockOrder::Candidate& c : candidates) {
    std::vector<const LockOrder::Instance*> cycle = LockOrder::Choose(c, ordered);
    if (cycle.empty()) continue;
    // One report per cycle of acquisition sites, whatever the lock objects (order-independent).
    uint64_t sites = 0;
    for (const LockOrder::Instance* in : cycle) sites += Mix(in->held.site, in->acquired.site);
    FindingKey key{FindingKind::kDeadlock, sites, cycle.size()};
    if (!first.findings().Bump(key)) continue;
    first.findings().Add(key, MakeFinding(cycle, first));
  }
}

}  // namespace ccsp::analyzer
