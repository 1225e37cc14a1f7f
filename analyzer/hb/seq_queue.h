// The replay's merge queue: a binary min-heap of (seq, task index), one entry per task with
// a pending seq-carrying record. Ordered by the pair, so equal seqs (a damaged trace) still
// replay in one fixed order. ReplaceTop is the common step -- the task just applied queues
// its next record -- and costs one sift-down, often none.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "analyzer/hb/vector_clock.h"

namespace ccsp::analyzer {

class SeqQueue {
 public:
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  TaskIndex top_task() const { return heap_[0].second; }
  uint64_t top_seq() const { return heap_[0].first; }

  void Push(uint64_t seq, TaskIndex task) {
    heap_.emplace_back(seq, task);
    size_t i = heap_.size() - 1;
    Item x = heap_[i];
    while (i > 0) {
      size_t parent = (i - 1) / 2;
      if (!(x < heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = x;
  }
  void Pop() {
    Item last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) SiftDown(last);
  }
  void ReplaceTop(uint64_t seq, TaskIndex task) { SiftDown(Item{seq, task}); }

 private:
  using Item = std::pair<uint64_t, TaskIndex>;

  // Places x at the root's position and moves it down to where it belongs.
  void SiftDown(Item x) {
    size_t n = heap_.size(), i = 0;
    while (true) {
      size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap_[child + 1] < heap_[child]) ++child;
      if (!(heap_[child] < x)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = x;
  }

  std::vector<Item> heap_;
};

}  // namespace ccsp::analyzer
