// Interned call stacks: a trie of (parent, call site, function) nodes, so a task's shadow
// stack is one node id and every shadow cell can name the full stack of its access in 4
// bytes. Node 0 is the empty stack. Push/Pop are O(1) (one hash lookup on push).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analyzer/base/ids.h"

namespace ccsp::analyzer {


class StackTrie {
 public:
  struct Node {
    StackId parent;
    uint32_t callsite;  // site of the call instruction in the caller (0 = unknown)
    uint32_t fn;        // site naming the function
    uint32_t depth;
  };

  StackTrie() { nodes_.push_back(Node{kEmptyStack, 0, 0, 0}); }

  StackId Push(StackId parent, uint32_t callsite, uint32_t fn);
  StackId Pop(StackId s) const { return nodes_[Raw(s)].parent; }
  const Node& node(StackId s) const { return nodes_[Raw(s)]; }
  size_t size() const { return nodes_.size(); }

 private:
  struct Key {
    uint64_t parent_callsite;
    uint32_t fn;
    bool operator==(const Key& o) const { return parent_callsite == o.parent_callsite && fn == o.fn; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      uint64_t h = k.parent_callsite * 0x9e3779b97f4a7c15ull ^ (uint64_t{k.fn} * 0xc2b2ae3d27d4eb4full);
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  std::vector<Node> nodes_;
  std::unordered_map<Key, StackId, KeyHash> index_;
};

inline StackId StackTrie::Push(StackId parent, uint32_t callsite, uint32_t fn) {
  Key k{uint64_t{Raw(parent)} << 32 | callsite, fn};
  auto [it, fresh] = index_.emplace(k, static_cast<StackId>(nodes_.size()));
  if (fresh) nodes_.push_back(Node{parent, callsite, fn, nodes_[Raw(parent)].depth + 1});
  return it->second;
}

}  // namespace ccsp::analyzer
