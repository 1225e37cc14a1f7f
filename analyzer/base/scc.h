// Strongly connected components (Tarjan), iterative: wait-for graphs and lock graphs can be
// chains tens of thousands long, too deep for recursion. Nodes are 0..n-1; `adj[v]` lists
// v's successors. Returns each node's component number (components in reverse topological
// order). Used by the lock-order cycle search and the wait-for cycle detection.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ccsp::analyzer {

inline std::vector<uint32_t> StronglyConnected(const std::vector<std::vector<uint32_t>>& adj) {
  constexpr uint32_t kUnseen = ~uint32_t{0};
  size_t n = adj.size();
  std::vector<uint32_t> index(n, kUnseen), low(n, 0), comp(n, kUnseen), stack;
  std::vector<bool> on_stack(n, false);
  struct Frame {
    uint32_t node;
    size_t child;
  };
  std::vector<Frame> call;
  uint32_t next_index = 0, next_comp = 0;
  auto enter = [&](uint32_t v) {
    index[v] = low[v] = next_index++;
    stack.push_back(v);
    on_stack[v] = true;
    call.push_back(Frame{v, 0});
  };
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnseen) continue;
    enter(root);
    while (!call.empty()) {
      Frame& f = call.back();
      if (f.child < adj[f.node].size()) {
        uint32_t w = adj[f.node][f.child++];
        if (index[w] == kUnseen)
          enter(w);
        else if (on_stack[w])
          low[f.node] = std::min(low[f.node], index[w]);
        continue;
      }
      uint32_t v = f.node;
      call.pop_back();
      if (!call.empty()) low[call.back().node] = std::min(low[call.back().node], low[v]);
      if (low[v] != index[v]) continue;
      for (;;) {
        uint32_t w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        comp[w] = next_comp;
        if (w == v) break;
      }
      ++next_comp;
    }
  }
  return comp;
}

}  // namespace ccsp::analyzer
