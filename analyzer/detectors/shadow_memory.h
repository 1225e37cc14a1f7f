// Byte-precise FastTrack shadow memory. Application memory is split into 8-byte granules;
// a granule holds one or more slots, each a byte mask plus FastTrack state (last write
// epoch; last read epoch or a read set). The common case -- every access to the granule
// covers the same bytes -- is one inline slot; mixed sizes split the granule into slots with
// disjoint masks, so adjacent bytes written by different tasks never conflict.
//
//   page table (hash: addr >> 10) --> Page { Granule[128] }
//   Granule { CellState st; mask; multi -> overflow slots }
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "analyzer/base/hot_path.h"
#include "analyzer/base/ptr_table.h"
#include "analyzer/hb/vector_clock.h"

namespace ccsp::analyzer {

// One recorded access: who, when, where. 24 bytes.
struct AccessInfo {
  static constexpr uint32_t kWriteBit = 1u << 31;
  static constexpr uint32_t kAtomicBit = 1u << 30;
  static constexpr uint32_t kSizeMask = kAtomicBit - 1;

  uint32_t task = kNoTask;  // dense task index; kSharedReads in a read cell with a read set
  uint32_t clock = 0;       // the task's clock at the access; read-set index if shared
  uint32_t stack = 0;       // StackId of the task's shadow stack
  uint32_t site = 0;
  uint32_t size_flags = 0;
  int32_t addr_delta = 0;   // address minus the granule base (set by the shadow)

  bool write() const { return size_flags & kWriteBit; }
  bool atomic() const { return size_flags & kAtomicBit; }
  uint32_t size() const { return size_flags & kSizeMask; }
  static uint32_t Flags(uint64_t size, bool write, bool atomic) {
    uint32_t s = size > kSizeMask ? kSizeMask : static_cast<uint32_t>(size);
    return s | (write ? kWriteBit : 0) | (atomic ? kAtomicBit : 0);
  }
};
inline constexpr uint32_t kSharedReads = 0xfffffffeu;

// Receives each race found by an access (at most once per distinct earlier access).
class RaceSink {
 public:
  virtual ~RaceSink() = default;
  virtual void OnRace(const AccessInfo& cur, uint64_t cur_addr, const AccessInfo& prev,
                      uint64_t prev_addr) = 0;
};

class ShadowMemory {
  struct Page;

 public:
  static constexpr unsigned kPageShift = 10;
  static constexpr uint64_t kPageBytes = uint64_t{1} << kPageShift;
  static constexpr unsigned kGranules = kPageBytes / 8;

  // A page found by Prefetch, handed back to Access so it is not looked up twice. Valid
  // until the next Clear or CheckWriteAndClear (only those give pages back).
  using PageHint = Page*;

  ShadowMemory();
  ~ShadowMemory();
  ShadowMemory(const ShadowMemory&) = delete;
  ShadowMemory& operator=(const ShadowMemory&) = delete;

  // Checks an access of `size` bytes at `addr` by cur.task (whose clock is vc) against the
  // state, reports races to sink, then records it. cur.size_flags says write/atomic.
  // Inline fast path: the access fits one granule whose single slot covers exactly its
  // bytes and nothing can race (FastTrack's same-epoch and exclusive cases); everything else
  // -- races, read sets, mixed sizes, new pages -- takes AccessSlow, which redoes the work
  // from the untouched state.
  CCSP_HOT_INLINE void Access(uint64_t addr, uint64_t size, const AccessInfo& cur,
                              const VectorClock& vc, RaceSink& sink, PageHint hint = nullptr) {
    if (size - 1 < 8 && (addr & 7) + size <= 8) {
      uint64_t page_no = addr >> kPageShift;
      Page* p = hint ? hint : page_no == last_page_no_ ? last_page_ : FindPage(page_no);
      if (p) {
        Granule& g = p->g[(addr >> 3) & (kGranules - 1)];
        uint8_t mask = static_cast<uint8_t>(((1u << size) - 1) << (addr & 7));
        if (!g.multi) {
          if (g.mask == mask && FastUpdate(g.st, cur, static_cast<int32_t>(addr & 7), vc))
            return;
          if (g.mask == 0) {  // an empty granule: the access is its only state
            g.st = CellState{};
            AccessInfo& e = cur.write() ? g.st.w : g.st.r;
            e = cur;
            e.addr_delta = static_cast<int32_t>(addr & 7);
            g.mask = mask;
            ++p->live;
            return;
          }
        }
      }
    }
    AccessSlow(addr, size, cur, vc, sink);
  }
  // Asks the CPU for the shadow of addr's granule, if its page exists, and returns the page
  // (the replay decodes a few records ahead and prefetches their shadow, so the cache
  // misses overlap).
  CCSP_HOT_INLINE PageHint Prefetch(uint64_t addr) {
    uint64_t page_no = addr >> kPageShift;
    Page* p = page_no == last_page_no_ ? last_page_ : table_.Find(page_no);
    if (!p) return nullptr;
    const char* g = reinterpret_cast<const char*>(&p->g[(addr >> 3) & (kGranules - 1)]);
    __builtin_prefetch(g, 1);
    __builtin_prefetch(g + sizeof(Granule) - 1, 1);
    return p;
  }
  // A write of [addr, addr+size) checked against existing state only, then the range is
  // forgotten (free: the object's life ends).
  void CheckWriteAndClear(uint64_t addr, uint64_t size, const AccessInfo& cur,
                          const VectorClock& vc, RaceSink& sink);
  // Forgets [addr, addr+size) (a new object lives there).
  void Clear(uint64_t addr, uint64_t size);

  size_t pages() const { return table_.size(); }
  static size_t page_footprint();  // bytes of shadow per page of application memory
  size_t memory_bytes() const;
  // Stops creating pages once this many exist (0 = no limit); accesses to new pages are
  // then not checked. For the fuzzer and for pathological inputs.
  void set_page_limit(size_t n) { page_limit_ = n; }
  bool hit_page_limit() const { return hit_limit_; }

 private:
  friend class ShadowMemoryTestPeer;  // compares Access with AccessSlow

  struct CellState {
    AccessInfo w, r;
  };
  struct Slot {
    CellState st;
    uint8_t mask;
  };
  struct Granule {
    CellState st;
    uint8_t mask;   // bytes covered by the inline slot (0 = empty granule)
    uint8_t multi;  // slots live in overflow_[overflow]
    uint32_t overflow;
  };
  struct Page {
    Granule g[kGranules];
    uint32_t live;  // granules with state
  };

  CCSP_HOT_INLINE static bool Races(const AccessInfo& prev, const VectorClock& vc,
                                    bool cur_atomic) {
    return prev.task < kSharedReads && prev.clock > vc.Get(prev.task) &&
           !(cur_atomic && prev.atomic());
  }
  // The race-free, read-set-free update of a slot that covers exactly the accessed bytes;
  // false (state untouched) when the full check is needed.
  CCSP_HOT_INLINE static bool FastUpdate(CellState& st, const AccessInfo& cur, int32_t delta,
                                        const VectorClock& vc) {
    bool atomic = cur.atomic();
    if (cur.write()) {
      if (st.w.task == cur.task && st.w.clock == cur.clock && st.r.task == kNoTask &&
          (!st.w.atomic() || atomic))
        return true;  // same epoch: nothing new
      if (Races(st.w, vc, atomic) || st.r.task == kSharedReads || Races(st.r, vc, atomic))
        return false;
      st.w = cur;
      st.w.addr_delta = delta;
      st.r = AccessInfo{};
      return true;
    }
    if (st.r.task == cur.task && st.r.clock == cur.clock && (!st.r.atomic() || atomic))
      return true;
    if (Races(st.w, vc, atomic)) return false;
    if (st.r.task == kNoTask || st.r.task == cur.task ||
        (st.r.task != kSharedReads && st.r.clock <= vc.Get(st.r.task))) {
      st.r = cur;
      st.r.addr_delta = delta;
      return true;
    }
    return false;
  }
  Page* FindPage(uint64_t page_no) {
    Page* p = table_.Find(page_no);
    if (p) {
      last_page_no_ = page_no;
      last_page_ = p;
    }
    return p;
  }
  void AccessSlow(uint64_t addr, uint64_t size, const AccessInfo& cur, const VectorClock& vc,
                  RaceSink& sink);
  Page* GetPage(uint64_t page_no, bool create);
  void AccessGranule(Page* page, unsigned gi, uint64_t gbase, uint8_t mask, AccessInfo cur);
  void SlowAccess(Page* page, Granule& g, uint64_t gbase, uint8_t mask, const AccessInfo& cur);
  void ClearGranule(Page* page, Granule& g, uint8_t mask);
  void CheckState(const CellState& st, const AccessInfo& cur, uint64_t gbase);
  void UpdateRead(CellState& st, const AccessInfo& cur);
  void ReleaseState(CellState& st);
  void CheckWriteAndClearImpl(uint64_t addr, uint64_t size, const AccessInfo* cur);
  void Report(const AccessInfo& prev, uint64_t gbase);
  uint32_t NewReadSet();
  template <class F>
  void ForEachPage(uint64_t lo_page, uint64_t hi_page, bool create, F&& f);

  // Pages emptied by frees, kept for reuse (no allocation, no clearing): malloc/free churn
  // empties and refills the same pages all the time.
  static constexpr size_t kSparePages = 64;
  std::vector<Page*> spare_pages_;
  PtrTable<Page> table_;
  uint64_t last_page_no_ = ~uint64_t{0};
  Page* last_page_ = nullptr;
  std::vector<std::vector<AccessInfo>> readsets_;
  std::vector<uint32_t> free_readsets_;
  std::vector<std::vector<Slot>> overflow_;
  std::vector<uint32_t> free_overflow_;
  size_t page_limit_ = 0;
  bool hit_limit_ = false;
  // Per-access context.
  const VectorClock* vc_ = nullptr;
  RaceSink* sink_ = nullptr;
  AccessInfo cur_;
  uint64_t cur_addr_ = 0;
  bool cur_write_ = false;
  std::vector<AccessInfo> reported_;  // earlier accesses already reported for this access
};

}  // namespace ccsp::analyzer
