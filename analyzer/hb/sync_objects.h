// Happens-before state of synchronization objects, keyed by address: mutexes, rwlocks (a
// write clock and a read clock), conds, semaphores, once, wait groups, contexts, annotations,
// barriers (one clock per generation) and channels (slot clocks). Atomic locations and pool
// items have their own maps. All maps are ordered so a free() can drop the objects that
// lived in the block (memory follows live objects, not history).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "analyzer/base/ptr_table.h"
#include "analyzer/hb/clock_map.h"
#include "analyzer/hb/vector_clock.h"

namespace ccsp::analyzer {

struct ChannelState {
  uint64_t capacity = 0;
  uint64_t sends = 0, receives = 0;  // values sent (placed) and received so far
  bool closed_seen = false;
  ClockMap sent;      // send k, until recv k
  ClockMap received;  // recv k, until send-done k+cap
  VectorClock closed;
};

struct BarrierState {
  uint64_t count = 0;  // 0: unknown (no init seen): one generation for all arrivals
  uint64_t arrivals = 0;
  std::map<uint64_t, VectorClock> generations;
};

// What the engine knows of one object. Consumers read it (Engine::Object) after each event.
struct SyncObject {
  VectorClock clock;       // the release clock (rwlock: write-unlock clock)
  VectorClock read_clock;  // rwlock: read-unlock clock
  TaskIndex writer = kNoTask;      // mutex owner / rwlock writer
  uint32_t depth = 0;              // recursive acquisitions by the owner
  std::vector<TaskIndex> readers;  // rwlock read holders (a multiset)
  int64_t wg_counter = 0;          // wait group: sum of the deltas added so far
  // Tasks that used the object (any operation but blocking on it), with the seq of their first
  // use: who could complete a wait on it (deadlock and leak detection). At most kMaxUsers.
  struct User {
    TaskIndex task;
    uint64_t first_seq;
  };
  static constexpr size_t kMaxUsers = 32;
  std::vector<User> users;
  bool many_users = false;  // more than kMaxUsers: treated as "anyone may use it"
  uint64_t user_bits = 0;  // users with an index below 64, for a test without the scan
  uint64_t last_seq = 0;   // of the latest use (what a wait that began before it may have seen)
  void NoteUser(TaskIndex t, uint64_t seq) {
    last_seq = seq;
    if (t < 64) {
      if (user_bits >> t & 1) return;
      user_bits |= uint64_t{1} << t;
    } else {
      for (const User& u : users)
        if (u.task == t) return;
    }
    if (users.size() < kMaxUsers)
      users.push_back(User{t, seq});
    else
      many_users = true;
  }
  std::unique_ptr<ChannelState> chan;
  std::unique_ptr<BarrierState> barrier;
};

class SyncObjects {
 public:
  SyncObjects() = default;
  SyncObjects(const SyncObjects&) = delete;  // the atomic cache points into this object
  SyncObjects& operator=(const SyncObjects&) = delete;

  // Lookups go through a hash index over the ordered map's (stable) nodes: one probe instead
  // of a tree walk (programs with thousands of locks); the map stays for range erasure.
  SyncObject& Get(uint64_t addr) {
    if (SyncObject* o = index_.Find(addr)) return *o;
    SyncObject* o = &objects_[addr];
    index_.Insert(addr, o);
    return *o;
  }
  SyncObject* Find(uint64_t addr) { return index_.Find(addr); }
  const SyncObject* Find(uint64_t addr) const { return index_.Find(addr); }
  void Erase(uint64_t addr) {
    if (index_.Erase(addr)) objects_.erase(addr);
  }

  // Release clock of an atomic location (what an acquire load of its current value gets).
  // A direct-mapped cache in front of the ordered map remembers hits and misses: programs
  // touch a few hundred or thousand atomic locations over and over, and a tree walk per
  // access is a chain of cache misses.
  VectorClock* Atomic(uint64_t addr, bool create) {
    AtomicSlot& s = atomic_cache_[CacheIndex(addr)];
    if (s.valid && s.addr == addr && (s.clock || !create)) return s.clock;
    VectorClock* c = nullptr;
    if (create) {
      c = &atomics_[addr];
    } else {
      auto it = atomics_.find(addr);
      if (it != atomics_.end()) c = &it->second;
    }
    s = AtomicSlot{addr, c, true};
    return c;
  }
  void EraseAtomic(uint64_t addr) {
    Uncache(addr);
    atomics_.erase(addr);
  }

  std::map<uint64_t, VectorClock>& pool_items() { return pool_items_; }

  // Drops every object, atomic location and pool item in [addr, addr+size).
  void EraseRange(uint64_t addr, uint64_t size) {
    uint64_t end = addr + size < addr ? ~uint64_t{0} : addr + size;
    auto first = objects_.lower_bound(addr), last = objects_.lower_bound(end);
    for (auto it = first; it != last; ++it) index_.Erase(it->first);
    objects_.erase(first, last);
    auto lo = atomics_.lower_bound(addr), hi = atomics_.lower_bound(end);
    for (auto it = lo; it != hi; ++it) Uncache(it->first);
    atomics_.erase(lo, hi);
    pool_items_.erase(pool_items_.lower_bound(addr), pool_items_.lower_bound(end));
  }
  size_t size() const { return objects_.size() + atomics_.size() + pool_items_.size(); }

 private:
  static constexpr unsigned kAtomicCacheBits = 10;
  struct AtomicSlot {
    uint64_t addr = 0;
    VectorClock* clock = nullptr;  // a node of atomics_, or nullptr: addr has no clock
    bool valid = false;
  };
  static size_t CacheIndex(uint64_t addr) {
    return static_cast<size_t>((addr * 0x9e3779b97f4a7c15ull) >> (64 - kAtomicCacheBits));
  }
  void Uncache(uint64_t addr) {
    AtomicSlot& s = atomic_cache_[CacheIndex(addr)];
    if (s.addr == addr) s = AtomicSlot{};
  }

  std::vector<AtomicSlot> atomic_cache_ = std::vector<AtomicSlot>(size_t{1} << kAtomicCacheBits);
  std::map<uint64_t, SyncObject> objects_;
  PtrTable<SyncObject> index_;  // addr -> node of objects_
  std::map<uint64_t, VectorClock> atomics_;
  std::map<uint64_t, VectorClock> pool_items_;
};

}  // namespace ccsp::analyzer
