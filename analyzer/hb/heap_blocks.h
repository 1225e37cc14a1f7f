// Live memory blocks (heap allocations, and the stack/TLS ranges the runtime announces as
// kMmap allocations when a task starts), for free() sizes and for describing where a racy
// address lives. Ordered by address; a free removes the block.
#pragma once

#include <cstdint>
#include <map>

#include "analyzer/base/ids.h"
#include "trace/format.h"

namespace ccsp::analyzer {

struct HeapBlock {
  uint64_t size = 0;
  TaskId task = TaskId::kNone;  // allocating task
  StackId stack = kEmptyStack;
  SiteId site = SiteId::kUnknown;
  trace::AllocKind kind = trace::AllocKind::kMalloc;
  bool task_stack = false;  // announced by `task` as its stack / TLS at start
};

class HeapBlocks {
 public:
  // A new block; blocks it overlaps are gone (their free was not recorded).
  void Alloc(uint64_t addr, const HeapBlock& b) {
    uint64_t end = addr + b.size < addr ? ~uint64_t{0} : addr + b.size;
    auto it = blocks_.lower_bound(addr);
    if (it != blocks_.begin()) {
      auto prev = std::prev(it);
      if (prev->first + prev->second.size > addr) it = prev;
    }
    while (it != blocks_.end() && it->first < end) it = blocks_.erase(it);
    if (b.size) blocks_[addr] = b;
  }
  // The block starting at addr, or nullptr.
  const HeapBlock* At(uint64_t addr) const {
    auto it = blocks_.find(addr);
    return it == blocks_.end() ? nullptr : &it->second;
  }
  void Erase(uint64_t addr) { blocks_.erase(addr); }
  // The block containing addr; *start receives its address.
  const HeapBlock* Containing(uint64_t addr, uint64_t* start) const {
    auto it = blocks_.upper_bound(addr);
    if (it == blocks_.begin()) return nullptr;
    --it;
    if (addr - it->first >= it->second.size) return nullptr;
    *start = it->first;
    return &it->second;
  }
  size_t size() const { return blocks_.size(); }

 private:
  std::map<uint64_t, HeapBlock> blocks_;
};

}  // namespace ccsp::analyzer
