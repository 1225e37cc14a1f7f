// Happens-before state of synchronization objects, keyed by address: mutexes, rwlocks (a
// write clock and a read clock), conds, semaphores, once, wait groups, contexts, annotations,
// barriers (one clock per generation) and channels (slot clocks). Atomic locations and pool
// items have their own maps. All maps are ordered so a free() can drop the objects that
// lived in the block (memory follows live objects, not history).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "analyzer/vector_clock.h"

namespace ccsp::analyzer {

struct ChannelState {
  uint64_t capacity = 0;
  std::unordered_map<uint64_t, VectorClock> sent;      // send k, until recv k
  std::unordered_map<uint64_t, VectorClock> received;  // recv k, until send-done k+cap
  VectorClock closed;
};

struct BarrierState {
  uint64_t count = 0;  // 0: unknown (no init seen): one generation for all arrivals
  uint64_t arrivals = 0;
  std::map<uint64_t, VectorClock> generations;
};

struct SyncObject {
  VectorClock clock;       // the release clock (rwlock: write-unlock clock)
  VectorClock read_clock;  // rwlock: read-unlock clock
  TaskIndex writer = kNoTask;
  std::vector<TaskIndex> readers;  // rwlock read holders (a multiset)
  std::unique_ptr<ChannelState> chan;
  std::unique_ptr<BarrierState> barrier;
};

class SyncObjects {
 public:
  SyncObject& Get(uint64_t addr) { return objects_[addr]; }
  SyncObject* Find(uint64_t addr) {
    auto it = objects_.find(addr);
    return it == objects_.end() ? nullptr : &it->second;
  }
  void Erase(uint64_t addr) { objects_.erase(addr); }

  // Release clock of an atomic location (what an acquire load of its current value gets).
  VectorClock* Atomic(uint64_t addr, bool create) {
    if (create) return &atomics_[addr];
    auto it = atomics_.find(addr);
    return it == atomics_.end() ? nullptr : &it->second;
  }
  void EraseAtomic(uint64_t addr) { atomics_.erase(addr); }

  std::map<uint64_t, VectorClock>& pool_items() { return pool_items_; }

  // Drops every object, atomic location and pool item in [addr, addr+size).
  void EraseRange(uint64_t addr, uint64_t size) {
    uint64_t end = addr + size < addr ? ~uint64_t{0} : addr + size;
    objects_.erase(objects_.lower_bound(addr), objects_.lower_bound(end));
    atomics_.erase(atomics_.lower_bound(addr), atomics_.lower_bound(end));
    pool_items_.erase(pool_items_.lower_bound(addr), pool_items_.lower_bound(end));
  }
  size_t size() const { return objects_.size() + atomics_.size() + pool_items_.size(); }

 private:
  std::map<uint64_t, SyncObject> objects_;
  std::map<uint64_t, VectorClock> atomics_;
  std::map<uint64_t, VectorClock> pool_items_;
};

}  // namespace ccsp::analyzer
