// FastTrack checks and updates on byte-masked granule slots. Ownership rule: a read set
// (index in readsets_) belongs to exactly one slot; splitting a slot copies it.
#include "analyzer/detectors/shadow_memory.h"

#include <algorithm>

namespace ccsp::analyzer {
namespace {

inline int32_t Delta(uint64_t addr, uint64_t gbase) {
  int64_t d = static_cast<int64_t>(addr - gbase);
  return d < INT32_MIN ? INT32_MIN : d > INT32_MAX ? INT32_MAX : static_cast<int32_t>(d);
}

// Same task, epoch, site, stack and kind: two slots holding such states can be one slot.
inline bool SameAccess(const AccessInfo& a, const AccessInfo& b) {
  if (a.task == kSharedReads || b.task == kSharedReads) return false;
  if (a.task == kNoTask || b.task == kNoTask) return a.task == b.task;
  return a.task == b.task && a.clock == b.clock && a.site == b.site && a.stack == b.stack &&
         (a.size_flags & ~AccessInfo::kSizeMask) == (b.size_flags & ~AccessInfo::kSizeMask);
}

inline void MergeSpan(AccessInfo& a, const AccessInfo& b) {
  if (a.task == kNoTask) return;
  int64_t lo = std::min<int64_t>(a.addr_delta, b.addr_delta);
  int64_t hi = std::max<int64_t>(int64_t{a.addr_delta} + a.size(), int64_t{b.addr_delta} + b.size());
  uint64_t size = static_cast<uint64_t>(hi - lo);
  a.addr_delta = static_cast<int32_t>(lo);
  a.size_flags = AccessInfo::Flags(size, a.write(), a.atomic());
}

}  // namespace

ShadowMemory::ShadowMemory() = default;

ShadowMemory::~ShadowMemory() {
  table_.ForEach([](uint64_t, Page* p) { delete p; });
  for (Page* p : spare_pages_) delete p;
}

size_t ShadowMemory::page_footprint() { return sizeof(Page); }

size_t ShadowMemory::memory_bytes() const {
  size_t n = (table_.size() + spare_pages_.size()) * sizeof(Page);
  for (const auto& r : readsets_) n += r.capacity() * sizeof(AccessInfo);
  for (const auto& o : overflow_) n += o.capacity() * sizeof(Slot);
  return n;
}

ShadowMemory::Page* ShadowMemory::GetPage(uint64_t page_no, bool create) {
  if (page_no == last_page_no_) return last_page_;
  Page* p = table_.Find(page_no);
  if (!p && create) {
    if (page_limit_ && table_.size() >= page_limit_) {
      hit_limit_ = true;
      return nullptr;
    }
    if (!spare_pages_.empty()) {  // an emptied page: every granule has mask 0, multi 0
      p = spare_pages_.back();
      spare_pages_.pop_back();
    } else {
      p = new Page();  // value-initialized: all granules empty
    }
    table_.Insert(page_no, p);
  }
  if (p) {
    last_page_no_ = page_no;
    last_page_ = p;
  }
  return p;
}

template <class F>
void ShadowMemory::ForEachPage(uint64_t lo_page, uint64_t hi_page, bool create, F&& f) {
  if (!create && hi_page - lo_page >= 2 * table_.size() + 16) {
    // A huge range over sparse state: visit only the pages that exist.
    std::vector<uint64_t> keys;
    table_.ForEach([&](uint64_t k, Page*) {
      if (k >= lo_page && k <= hi_page) keys.push_back(k);
    });
    std::sort(keys.begin(), keys.end());
    for (uint64_t k : keys) f(k, table_.Find(k));
    return;
  }
  for (uint64_t k = lo_page;; ++k) {
    if (Page* p = GetPage(k, create)) f(k, p);
    if (k == hi_page) break;
  }
}

void ShadowMemory::AccessSlow(uint64_t addr, uint64_t size, const AccessInfo& cur,
                              const VectorClock& vc, RaceSink& sink) {
  if (size == 0) return;
  uint64_t last = addr + (size - 1);
  if (last < addr) last = ~uint64_t{0};
  vc_ = &vc;
  sink_ = &sink;
  cur_ = cur;
  cur_addr_ = addr;
  cur_write_ = cur.write();
  reported_.clear();
  uint64_t lo_g = addr >> 3, hi_g = last >> 3;
  if (lo_g == hi_g) {  // the common case: one granule
    if (Page* p = GetPage(addr >> kPageShift, true)) {
      unsigned off = addr & 7, n = static_cast<unsigned>(last - addr) + 1;
      AccessGranule(p, static_cast<unsigned>(lo_g & (kGranules - 1)), lo_g << 3,
                    static_cast<uint8_t>(((1u << n) - 1) << off), cur);
    }
    return;
  }
  ForEachPage(addr >> kPageShift, last >> kPageShift, true, [&](uint64_t page_no, Page* p) {
    uint64_t g0 = std::max(lo_g, page_no << (kPageShift - 3));
    uint64_t g1 = std::min(hi_g, ((page_no + 1) << (kPageShift - 3)) - 1);
    for (uint64_t g = g0; g <= g1; ++g) {
      uint64_t gbase = g << 3;
      uint64_t b0 = std::max(addr, gbase), b1 = std::min(last, gbase + 7);
      uint8_t mask = static_cast<uint8_t>(((1u << (b1 - b0 + 1)) - 1) << (b0 - gbase));
      AccessGranule(p, static_cast<unsigned>(g & (kGranules - 1)), gbase, mask, cur);
    }
  });
}

void ShadowMemory::AccessGranule(Page* page, unsigned gi, uint64_t gbase, uint8_t mask,
                                 AccessInfo cur) {
  Granule& g = page->g[gi];
  cur.addr_delta = Delta(cur_addr_, gbase);
  if (!g.multi) {
    if (g.mask == mask) {
      CellState& st = g.st;
      if (cur_write_) {
        if (st.w.task == cur.task && st.w.clock == cur.clock && st.r.task == kNoTask &&
            (!st.w.atomic() || cur.atomic()))
          return;  // same epoch: nothing new
        CheckState(st, cur, gbase);
        ReleaseState(st);
        st.w = cur;
        st.r = AccessInfo{};
      } else {
        if (st.r.task == cur.task && st.r.clock == cur.clock && (!st.r.atomic() || cur.atomic()))
          return;
        CheckState(st, cur, gbase);
        UpdateRead(st, cur);
      }
      return;
    }
    if (g.mask == 0) {
      g.st = CellState{};
      (cur_write_ ? g.st.w : g.st.r) = cur;
      g.mask = mask;
      ++page->live;
      return;
    }
  }
  SlowAccess(page, g, gbase, mask, cur);
}

void ShadowMemory::SlowAccess(Page* page, Granule& g, uint64_t gbase, uint8_t mask,
                              const AccessInfo& cur) {
  Slot in[8];
  unsigned n = 0;
  if (g.multi) {
    for (const Slot& s : overflow_[g.overflow]) in[n++] = s;
  } else if (g.mask) {
    in[n++] = Slot{g.st, g.mask};
  }
  Slot out[17];
  unsigned m = 0;
  uint8_t covered = 0;
  for (unsigned i = 0; i < n; ++i) {
    Slot& s = in[i];
    uint8_t ov = s.mask & mask;
    if (!ov) {
      out[m++] = s;
      continue;
    }
    CheckState(s.st, cur, gbase);
    covered |= ov;
    uint8_t rest = s.mask & static_cast<uint8_t>(~mask);
    if (rest) out[m++] = Slot{s.st, rest};  // keeps the read set
    if (!cur_write_) {
      CellState st = s.st;
      if (rest && st.r.task == kSharedReads) {
        uint32_t copy = NewReadSet();
        readsets_[copy] = readsets_[st.r.clock];
        st.r.clock = copy;
      }
      UpdateRead(st, cur);
      out[m++] = Slot{st, ov};
    } else if (!rest) {
      ReleaseState(s.st);
    }
  }
  if (cur_write_) {
    CellState st{};
    st.w = cur;
    out[m++] = Slot{st, mask};
  } else if (uint8_t fresh = mask & static_cast<uint8_t>(~covered)) {
    CellState st{};
    st.r = cur;
    out[m++] = Slot{st, fresh};
  }
  // Merge slots whose states are the same access (e.g. a byte loop of one task).
  for (unsigned i = 0; i < m; ++i)
    for (unsigned j = i + 1; j < m;) {
      if (SameAccess(out[i].st.w, out[j].st.w) && SameAccess(out[i].st.r, out[j].st.r)) {
        MergeSpan(out[i].st.w, out[j].st.w);
        MergeSpan(out[i].st.r, out[j].st.r);
        out[i].mask |= out[j].mask;
        out[j] = out[--m];
      } else {
        ++j;
      }
    }
  bool was_live = g.multi || g.mask;
  if (m >= 2) {
    if (!g.multi) {
      uint32_t idx;
      if (!free_overflow_.empty()) {
        idx = free_overflow_.back();
        free_overflow_.pop_back();
      } else {
        idx = static_cast<uint32_t>(overflow_.size());
        overflow_.emplace_back();
      }
      g.overflow = idx;
      g.multi = 1;
    }
    overflow_[g.overflow].assign(out, out + m);
    g.mask = 0;
  } else {
    if (g.multi) {
      overflow_[g.overflow].clear();
      free_overflow_.push_back(g.overflow);
      g.multi = 0;
    }
    if (m == 1) {
      g.st = out[0].st;
      g.mask = out[0].mask;
    } else {
      g.mask = 0;
    }
  }
  bool live = g.multi || g.mask;
  if (live && !was_live) ++page->live;
  if (!live && was_live) --page->live;
}

void ShadowMemory::CheckState(const CellState& st, const AccessInfo& cur, uint64_t gbase) {
  bool atomic = cur.atomic();
  if (Races(st.w, *vc_, atomic)) Report(st.w, gbase);
  if (!cur_write_) return;
  if (st.r.task == kSharedReads) {
    for (const AccessInfo& e : readsets_[st.r.clock])
      if (Races(e, *vc_, atomic)) Report(e, gbase);
  } else if (Races(st.r, *vc_, atomic)) {
    Report(st.r, gbase);
  }
}

void ShadowMemory::UpdateRead(CellState& st, const AccessInfo& cur) {
  AccessInfo& r = st.r;
  if (r.task == kNoTask) {
    r = cur;
  } else if (r.task == kSharedReads) {
    // Drop the reads that happen-before this one (incl. this task's older read), add it.
    std::vector<AccessInfo>& set = readsets_[r.clock];
    set.erase(std::remove_if(set.begin(), set.end(),
                             [&](const AccessInfo& e) { return e.clock <= vc_->Get(e.task); }),
              set.end());
    if (set.empty()) {
      free_readsets_.push_back(r.clock);
      r = cur;
    } else {
      set.push_back(cur);
    }
  } else if (r.task == cur.task || r.clock <= vc_->Get(r.task)) {
    r = cur;
  } else {
    uint32_t idx = NewReadSet();
    readsets_[idx].assign({r, cur});
    r.task = kSharedReads;
    r.clock = idx;
  }
}

void ShadowMemory::ReleaseState(CellState& st) {
  if (st.r.task == kSharedReads) {
    readsets_[st.r.clock].clear();
    free_readsets_.push_back(st.r.clock);
    st.r = AccessInfo{};
  }
}

uint32_t ShadowMemory::NewReadSet() {
  if (!free_readsets_.empty()) {
    uint32_t idx = free_readsets_.back();
    free_readsets_.pop_back();
    return idx;
  }
  readsets_.emplace_back();
  return static_cast<uint32_t>(readsets_.size() - 1);
}

void ShadowMemory::Report(const AccessInfo& prev, uint64_t gbase) {
  for (const AccessInfo& r : reported_)
    if (r.task == prev.task && r.clock == prev.clock && r.site == prev.site && r.stack == prev.stack)
      return;
  reported_.push_back(prev);
  sink_->OnRace(cur_, cur_addr_, prev, gbase + static_cast<uint64_t>(int64_t{prev.addr_delta}));
}

void ShadowMemory::ClearGranule(Page* page, Granule& g, uint8_t mask) {
  if (!g.multi) {
    if (!g.mask) return;
    uint8_t rest = g.mask & static_cast<uint8_t>(~mask);
    if (!rest) {
      ReleaseState(g.st);
      g.mask = 0;
      --page->live;
    } else {
      g.mask = rest;
    }
    return;
  }
  std::vector<Slot>& slots = overflow_[g.overflow];
  for (size_t i = 0; i < slots.size();) {
    slots[i].mask &= static_cast<uint8_t>(~mask);
    if (!slots[i].mask) {
      ReleaseState(slots[i].st);
      slots[i] = slots.back();
      slots.pop_back();
    } else {
      ++i;
    }
  }
  if (slots.size() <= 1) {
    if (slots.size() == 1) {
      g.st = slots[0].st;
      g.mask = slots[0].mask;
    } else {
      g.mask = 0;
      --page->live;
    }
    slots.clear();
    free_overflow_.push_back(g.overflow);
    g.multi = 0;
  }
}

void ShadowMemory::Clear(uint64_t addr, uint64_t size) {
  CheckWriteAndClearImpl(addr, size, nullptr);
}

void ShadowMemory::CheckWriteAndClear(uint64_t addr, uint64_t size, const AccessInfo& cur,
                                      const VectorClock& vc, RaceSink& sink) {
  vc_ = &vc;
  sink_ = &sink;
  cur_ = cur;
  cur_addr_ = addr;
  cur_write_ = true;
  reported_.clear();
  CheckWriteAndClearImpl(addr, size, &cur);
}

void ShadowMemory::CheckWriteAndClearImpl(uint64_t addr, uint64_t size, const AccessInfo* cur) {
  if (size == 0 || table_.size() == 0) return;
  uint64_t last = addr + (size - 1);
  if (last < addr) last = ~uint64_t{0};
  uint64_t lo_g = addr >> 3, hi_g = last >> 3;
  ForEachPage(addr >> kPageShift, last >> kPageShift, false, [&](uint64_t page_no, Page* p) {
    uint64_t g0 = std::max(lo_g, page_no << (kPageShift - 3));
    uint64_t g1 = std::min(hi_g, ((page_no + 1) << (kPageShift - 3)) - 1);
    for (uint64_t gn = g0; gn <= g1 && p->live; ++gn) {
      uint64_t gbase = gn << 3;
      uint64_t b0 = std::max(addr, gbase), b1 = std::min(last, gbase + 7);
      uint8_t mask = static_cast<uint8_t>(((1u << (b1 - b0 + 1)) - 1) << (b0 - gbase));
      Granule& g = p->g[gn & (kGranules - 1)];
      if (cur) {
        AccessInfo c = *cur;
        c.addr_delta = Delta(addr, gbase);
        if (g.multi) {
          for (const Slot& s : overflow_[g.overflow])
            if (s.mask & mask) CheckState(s.st, c, gbase);
        } else if (g.mask & mask) {
          CheckState(g.st, c, gbase);
        }
      }
      ClearGranule(p, g, mask);
    }
    if (p->live == 0) {
      if (last_page_ == p) {
        last_page_ = nullptr;
        last_page_no_ = ~uint64_t{0};
      }
      Page* gone = table_.Erase(page_no);
      if (spare_pages_.size() < kSparePages)
        spare_pages_.push_back(gone);
      else
        delete gone;
    }
  });
}

}  // namespace ccsp::analyzer
