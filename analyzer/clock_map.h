// Map from a 64-bit key (a channel's slot number) to a vector clock, for traffic where
// entries come and go all the time (send k, receive k, completion of send k+C): open
// addressing with linear probing and backward-shift deletion, over a pool of clocks that
// keeps their storage when an entry is erased. Steady traffic allocates nothing; memory
// follows the most entries alive at once.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "analyzer/vector_clock.h"

namespace ccsp::analyzer {

class ClockMap {
 public:
  ClockMap() : slots_(kMinSlots) {}

  // The clock of key; an empty one is created when absent. The reference stays valid
  // until key is erased.
  VectorClock& Get(uint64_t key) {
    size_t i = Home(key);
    for (; slots_[i].used; i = (i + 1) & (slots_.size() - 1))
      if (slots_[i].key == key) return pool_[slots_[i].clock];
    if ((size_ + 1) * 4 > slots_.size() * 3) {
      Rehash(slots_.size() * 2);
      return Get(key);
    }
    uint32_t c;
    if (!free_.empty()) {
      c = free_.back();
      free_.pop_back();
    } else {
      c = static_cast<uint32_t>(pool_.size());
      pool_.emplace_back();
    }
    slots_[i] = Slot{key, c, true};
    ++size_;
    return pool_[c];
  }
  VectorClock* Find(uint64_t key) {
    for (size_t i = Home(key); slots_[i].used; i = (i + 1) & (slots_.size() - 1))
      if (slots_[i].key == key) return &pool_[slots_[i].clock];
    return nullptr;
  }
  void Erase(uint64_t key) {
    size_t mask = slots_.size() - 1, i = Home(key);
    while (slots_[i].key != key) {
      if (!slots_[i].used) return;
      i = (i + 1) & mask;
    }
    if (!slots_[i].used) return;
    pool_[slots_[i].clock].Clear();  // keeps its storage for the next entry
    free_.push_back(slots_[i].clock);
    // Backward shift: move later entries of the probe run into the hole.
    size_t hole = i;
    for (size_t j = (i + 1) & mask; slots_[j].used; j = (j + 1) & mask) {
      size_t home = Home(slots_[j].key);
      bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole] = Slot{};
    --size_;
  }
  size_t size() const { return size_; }
  // The smallest key (size() > 0).
  uint64_t LowestKey() const {
    uint64_t lowest = ~uint64_t{0};
    for (const Slot& s : slots_)
      if (s.used && s.key < lowest) lowest = s.key;
    return lowest;
  }

 private:
  static constexpr size_t kMinSlots = 16;
  struct Slot {
    uint64_t key = 0;
    uint32_t clock = 0;  // index in pool_
    bool used = false;
  };

  size_t Home(uint64_t key) const {
    return static_cast<size_t>((key * 0x9e3779b97f4a7c15ull) >> 32) & (slots_.size() - 1);
  }
  void Rehash(size_t n) {
    std::vector<Slot> old(n);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (!s.used) continue;
      size_t i = Home(s.key);
      while (slots_[i].used) i = (i + 1) & (n - 1);
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::deque<VectorClock> pool_;  // a deque: clocks never move
  std::vector<uint32_t> free_;
  size_t size_ = 0;
};

}  // namespace ccsp::analyzer
