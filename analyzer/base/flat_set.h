// A set of 64-bit keys in one open-addressing array (linear probing, power-of-two capacity,
// at most half full): one cache line per lookup where a node-based set chases two pointers.
// Key 0 is stored out of line. Insert-only: the lock-order detector's chain cache.
#pragma once

#include <cstdint>
#include <vector>

namespace ccsp::analyzer {

class FlatSet64 {
 public:
  // Adds key; true when it was not there yet.
  bool Insert(uint64_t key) {
    if (key == 0) {
      bool fresh = !has_zero_;
      has_zero_ = true;
      return fresh;
    }
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        ++size_;
        return true;
      }
    }
  }
  size_t size() const { return size_ + has_zero_; }

 private:
  static size_t Hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    return static_cast<size_t>(k ^ (k >> 29));
  }
  void Grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    size_ = 0;
    for (uint64_t k : old)
      if (k) Insert(k);
  }
  std::vector<uint64_t> slots_;
  size_t size_ = 0;
  bool has_zero_ = false;
};

}  // namespace ccsp::analyzer
