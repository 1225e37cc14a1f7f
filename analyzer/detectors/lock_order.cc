// Lock-order graph upkeep, cycle search and the second look (see lock_order.h).
#include "analyzer/detectors/lock_order.h"

#include "analyzer/base/scc.h"
#include "analyzer/detectors/clock_grabber.h"

#include <algorithm>
#include <deque>
#include <set>

namespace ccsp::analyzer {

using trace::Record;
using trace::SyncKind;

void LockOrder::OnSync(const Task& t, const Record& r, const SyncContext&) {
  switch (r.sync_kind) {
    case SyncKind::kMutexLock:
    case SyncKind::kRwRdLock:
    case SyncKind::kRwWrLock:
      Acquire(t, r);
      break;
    default:
      break;
  }
}

// Called after the engine added the lock to t.held: a re-acquisition of a lock already held
// (recursive mutex) is no edge.
void LockOrder::Acquire(const Task& t, const Record& r) {
  const Held* now = nullptr;
  for (const Held& h : t.held)
    if (Raw(h.lock) == r.addr) now = &h;
  if (!now || now->depth > 1) return;
  // A trylock or timed lock never waits forever, so it is no edge target; the lock it got is
  // held all the same.
  if (r.sync_kind == SyncKind::kMutexLock && (r.arg1 & (trace::kMutexTry | trace::kMutexTimed))) return;
  // A task taking the same lock with the same locks held again adds nothing (lockdep's chain
  // cache): one hash of the held set instead of a graph lookup per held lock.
  uint64_t chain = Raw(t.id) * 0x9e3779b97f4a7c15ull ^ r.addr;
  for (const Held& h : t.held)
    if (&h != now) chain = (chain ^ (Raw(h.lock) * 2 + h.read)) * 0x100000001b3ull;
  if (!chains_.Insert(chain)) return;
  std::vector<Held> holding;
  for (const Held& h : t.held)
    if (&h != now) holding.push_back(h);
  for (const Held& h : holding) {
    Edge& e = edges_[{Raw(h.lock), r.addr}];
    if (e.instances.empty()) successors_[Raw(h.lock)].push_back(r.addr);
    if (e.instances.size() >= kMaxInstancesPerEdge) continue;
    bool seen = false;
    for (const Instance& in : e.instances) seen |= in.task == t.id;
    if (seen) continue;
    e.instances.push_back(Instance{t.id, r.seq, h, *now, holding});
  }
}

bool MayOverlap(const LockOrder::Instance& a, const LockOrder::Instance& b) {
  if (a.task == b.task) return false;
  for (const LockOrder::Held& x : a.holding)
    for (const LockOrder::Held& y : b.holding)
      if (x.lock == y.lock && !(x.read && y.read)) return false;  // a gate lock
  return true;
}

// Strongly connected components of the lock graph (base/scc.h over the locks numbered
// densely). Only an edge inside a component can be on a cycle, so locks always taken in one
// order cost one linear pass and no search at all.
std::unordered_map<uint64_t, uint32_t> LockOrder::Components() const {
  std::unordered_map<uint64_t, uint32_t> dense;
  std::vector<uint64_t> locks;
  auto id = [&](uint64_t lock) {
    auto [it, fresh] = dense.emplace(lock, static_cast<uint32_t>(locks.size()));
    if (fresh) locks.push_back(lock);
    return it->second;
  };
  std::vector<std::vector<uint32_t>> adj;
  for (const auto& [from, tos] : successors_) {
    uint32_t u = id(from);
    for (uint64_t to : tos) {
      uint32_t v = id(to);
      if (adj.size() < locks.size()) adj.resize(locks.size());
      adj[u].push_back(v);
    }
  }
  adj.resize(locks.size());
  std::vector<uint32_t> comp = StronglyConnected(adj);
  std::unordered_map<uint64_t, uint32_t> out;
  for (size_t i = 0; i < locks.size(); ++i) out[locks[i]] = comp[i];
  return out;
}

// Each edge u -> v inside a component closes a cycle with the shortest path v ~> u (breadth
// first, within the component). Cycles are kept once, rotated to start at their smallest
// lock. The searches together visit at most kMaxSearchSteps nodes; past that the rest is
// skipped and `truncated_` says so (the report warns).
void LockOrder::FindCycles(std::vector<std::vector<uint64_t>>& out) const {
  std::unordered_map<uint64_t, uint32_t> comp = Components();
  std::set<std::vector<uint64_t>> seen;
  uint64_t steps = 0;
  for (const auto& [key, edge] : edges_) {
    if (out.size() >= kMaxCycles) return;
    auto [u, v] = key;
    if (u == v || comp[u] != comp[v]) continue;
    uint32_t c = comp[u];
    std::unordered_map<uint64_t, uint64_t> parent{{v, v}};
    std::deque<std::pair<uint64_t, size_t>> queue{{v, 1}};
    bool found = false;
    while (!queue.empty() && !found) {
      if (++steps > kMaxSearchSteps) {
        truncated_ = true;
        return;
      }
      auto [x, len] = queue.front();
      queue.pop_front();
      if (len >= kMaxCycleLength) continue;
      auto s = successors_.find(x);
      if (s == successors_.end()) continue;
      for (uint64_t y : s->second) {
        if (parent.count(y) || comp[y] != c) continue;
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

LockOrder::LockOrder(ReportContext& ctx) : ctx_(ctx) {}
LockOrder::~LockOrder() = default;

Consumer* LockOrder::SecondLook(EngineOptions& opts) {
  if (candidates_.empty()) return nullptr;
  grab_ = std::make_unique<ClockGrabber>();
  for (const Candidate& c : candidates_)
    for (const auto& list : c.choices)
      for (const Instance* in : list) grab_->Want(in->seq);
  opts.lock_edges = false;
  return grab_.get();
}

namespace {

uint64_t Mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull; }

Finding MakeFinding(const std::vector<const LockOrder::Instance*>& cycle, const ReportContext& ctx) {
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
    e.acquire_stack = ctx.ExpandStack(in->acquired.stack, in->acquired.site);
    e.held_stack = ctx.ExpandStack(in->held.stack, in->held.site);
    f.edges.push_back(std::move(e));
    f.tasks.push_back(ctx.DescribeTask(in->task));
  }
  return f;
}

}  // namespace

void LockOrder::OnFinish(const Engine& e) {
  candidates_ = Candidates();
  if (truncated_)
    e.diag().Warn(e.file().name() + ": the lock-order graph has " + std::to_string(successors_.size()) +
                  " locks with cyclic orders; the cycle search stopped after " +
                  std::to_string(kMaxSearchSteps) + " steps, so some potential deadlocks may be missing");
}

void LockOrder::OnSecondLookDone() {
  if (!grab_) return;
  auto ordered = [&](const Instance& a, const Instance& b) {
    return grab_->Ordered(a.seq, b.seq);
  };
  for (const Candidate& c : candidates_) {
    std::vector<const Instance*> cycle = Choose(c, ordered);
    if (cycle.empty()) continue;
    // One report per cycle of acquisition sites, whatever the lock objects (order-independent).
    uint64_t sites = 0;
    for (const Instance* in : cycle) sites += Mix(Raw(in->held.site), Raw(in->acquired.site));
    FindingKey key{FindingKind::kDeadlock, sites, cycle.size()};
    if (!ctx_.findings().Bump(key)) continue;
    ctx_.findings().Add(key, MakeFinding(cycle, ctx_));
  }
}

}  // namespace ccsp::analyzer
