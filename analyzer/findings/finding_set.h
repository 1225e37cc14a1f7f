// Deduplicated findings: one report per (kind, site pair), with an occurrence count. The
// first occurrence is kept in full; later ones only bump the count, so a hot racy loop costs
// a hash lookup, not a stack expansion.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analyzer/findings/findings.h"

namespace ccsp::analyzer {

struct FindingKey {
  FindingKind kind;
  uint64_t a, b;  // race: the two sites, ordered; misuse: (misuse kind, site); ...
  bool operator==(const FindingKey& o) const { return kind == o.kind && a == o.a && b == o.b; }
};

class FindingSet {
 public:
  static constexpr size_t kMaxFindings = 10000;

  // Counts one more occurrence of key; returns true when it is new and Add must follow.
  bool Bump(const FindingKey& key) {
    auto it = index_.find(key);
    if (it != index_.end()) {
      ++findings_[it->second].count;
      return false;
    }
    return findings_.size() < kMaxFindings;
  }
  void Add(const FindingKey& key, Finding f) {
    index_.emplace(key, findings_.size());
    findings_.push_back(std::move(f));
  }
  std::vector<Finding>& findings() { return findings_; }

 private:
  struct Hash {
    size_t operator()(const FindingKey& k) const {
      uint64_t h = (k.a * 0x9e3779b97f4a7c15ull) ^ (k.b * 0xc2b2ae3d27d4eb4full) ^ static_cast<uint64_t>(k.kind);
      return static_cast<size_t>(h ^ (h >> 31));
    }
  };
  std::vector<Finding> findings_;
  std::unordered_map<FindingKey, size_t, Hash> index_;
};

}  // namespace ccsp::analyzer
