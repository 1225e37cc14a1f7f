// Open-addressing hash map from a 64-bit key to a non-null V*, with linear probing and
// backward-shift deletion (no tombstones, so lookups stay short after many erases). A slot
// is empty when its value is null, so every key value is allowed. Used for shadow pages (one
// lookup per page change, behind a one-entry cache) and for channel slot clocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ccsp::analyzer {

template <class V>
class PtrTable {
 public:
  // initial_slots: a power of two.
  explicit PtrTable(size_t initial_slots = 64) { Rehash(initial_slots); }

  V* Find(uint64_t key) const {
    for (size_t i = Slot(key); vals_[i]; i = (i + 1) & mask_)
      if (keys_[i] == key) return vals_[i];
    return nullptr;
  }
  // Inserts key -> v (v not null); the key must be absent.
  void Insert(uint64_t key, V* v) {
    if ((size_ + 1) * 4 > keys_.size() * 3) Rehash(keys_.size() * 2);
    size_t i = Slot(key);
    while (vals_[i]) i = (i + 1) & mask_;
    keys_[i] = key;
    vals_[i] = v;
    ++size_;
  }
  // Removes key; returns its value or nullptr.
  V* Erase(uint64_t key) {
    size_t i = Slot(key);
    for (; vals_[i] && keys_[i] != key; i = (i + 1) & mask_) {
    }
    V* v = vals_[i];
    if (!v) return nullptr;
    // Backward shift: move later entries of the probe run into the hole.
    size_t hole = i;
    for (size_t j = (i + 1) & mask_; vals_[j]; j = (j + 1) & mask_) {
      size_t home = Slot(keys_[j]);
      bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys_[hole] = keys_[j];
        vals_[hole] = vals_[j];
        hole = j;
      }
    }
    keys_[hole] = 0;
    vals_[hole] = nullptr;
    --size_;
    return v;
  }
  size_t size() const { return size_; }
  template <class F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < keys_.size(); ++i)
      if (vals_[i]) f(keys_[i], vals_[i]);
  }

 private:
  size_t Slot(uint64_t key) const {
    uint64_t h = key * 0x9e3779b97f4a7c15ull;
    return static_cast<size_t>(h >> 20) & mask_;
  }
  void Rehash(size_t n) {
    std::vector<uint64_t> keys(n, 0);
    std::vector<V*> vals(n, nullptr);
    keys.swap(keys_);
    vals.swap(vals_);
    mask_ = n - 1;
    size_ = 0;
    for (size_t i = 0; i < keys.size(); ++i)
      if (vals[i]) Insert(keys[i], vals[i]);
  }

  std::vector<uint64_t> keys_;
  std::vector<V*> vals_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace ccsp::analyzer
