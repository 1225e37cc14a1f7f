// Open-addressing hash map from page number to shadow page, with linear probing and
// backward-shift deletion (no tombstones, so lookups stay short after many frees). The
// race detector's hot path does one lookup per page change, behind a one-entry cache.
#pragma once

#include <cstdint>
#include <vector>

namespace ccsp::analyzer {

template <class V>
class PageTable {
 public:
  static constexpr uint64_t kEmpty = ~uint64_t{0};

  PageTable() { Rehash(64); }

  V* Find(uint64_t key) const {
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return vals_[i];
      if (keys_[i] == kEmpty) return nullptr;
    }
  }
  // Inserts key -> v; the key must be absent.
  void Insert(uint64_t key, V* v) {
    if ((size_ + 1) * 4 > keys_.size() * 3) Rehash(keys_.size() * 2);
    size_t i = Slot(key);
    while (keys_[i] != kEmpty) i = (i + 1) & mask_;
    keys_[i] = key;
    vals_[i] = v;
    ++size_;
  }
  // Removes key; returns its value or nullptr.
  V* Erase(uint64_t key) {
    size_t i = Slot(key);
    while (keys_[i] != key) {
      if (keys_[i] == kEmpty) return nullptr;
      i = (i + 1) & mask_;
    }
    V* v = vals_[i];
    // Backward shift: move later entries of the probe run into the hole.
    size_t hole = i;
    for (size_t j = (i + 1) & mask_; keys_[j] != kEmpty; j = (j + 1) & mask_) {
      size_t home = Slot(keys_[j]);
      bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys_[hole] = keys_[j];
        vals_[hole] = vals_[j];
        hole = j;
      }
    }
    keys_[hole] = kEmpty;
    vals_[hole] = nullptr;
    --size_;
    return v;
  }
  size_t size() const { return size_; }
  template <class F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] != kEmpty) f(keys_[i], vals_[i]);
  }

 private:
  size_t Slot(uint64_t key) const {
    uint64_t h = key * 0x9e3779b97f4a7c15ull;
    return static_cast<size_t>(h >> 20) & mask_;
  }
  void Rehash(size_t n) {
    std::vector<uint64_t> keys(n, kEmpty);
    std::vector<V*> vals(n, nullptr);
    keys.swap(keys_);
    vals.swap(vals_);
    mask_ = n - 1;
    size_ = 0;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != kEmpty) Insert(keys[i], vals[i]);
  }

  std::vector<uint64_t> keys_;
  std::vector<V*> vals_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace ccsp::analyzer
