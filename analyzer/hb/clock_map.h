// Map from a 64-bit key (a channel's slot number) to a vector clock, for traffic where
// entries come and go all the time (send k, receive k, completion of send k+C): a PtrTable
// over a pool of clocks that keep their storage when an entry is erased. Steady traffic
// allocates nothing; memory follows the most entries alive at once.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "analyzer/base/ptr_table.h"
#include "analyzer/hb/vector_clock.h"

namespace ccsp::analyzer {

class ClockMap {
 public:
  ClockMap() : table_(16) {}

  // The clock of key; an empty one is created when absent. The reference stays valid
  // until key is erased.
  VectorClock& Get(uint64_t key) {
    if (VectorClock* c = table_.Find(key)) return *c;
    VectorClock* c;
    if (!free_.empty()) {
      c = free_.back();
      free_.pop_back();
    } else {
      c = &pool_.emplace_back();
    }
    table_.Insert(key, c);
    return *c;
  }
  VectorClock* Find(uint64_t key) { return table_.Find(key); }
  void Erase(uint64_t key) {
    if (VectorClock* c = table_.Erase(key)) {
      c->Clear();  // keeps its storage for the next entry
      free_.push_back(c);
    }
  }
  size_t size() const { return table_.size(); }
  // The smallest key (size() > 0).
  uint64_t LowestKey() const {
    uint64_t lowest = ~uint64_t{0};
    table_.ForEach([&](uint64_t key, VectorClock*) {
      if (key < lowest) lowest = key;
    });
    return lowest;
  }

 private:
  PtrTable<VectorClock> table_;
  std::deque<VectorClock> pool_;  // a deque: clocks never move
  std::vector<VectorClock*> free_;
};

}  // namespace ccsp::analyzer
