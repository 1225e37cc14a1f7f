// Record encoder and decoder for the ccsp trace format (layouts in format.h).
// Writer and reader side by side so they cannot drift apart. Header-only, no allocation,
// no exceptions: the runtime's hot path inlines the encoders, the analyzer the decoder.
#pragma once

#include "trace/format.h"

namespace ccsp::trace {

// Per-stream delta state; starts zeroed at the beginning of every task stream.
struct StreamState {
  uint64_t addr = 0;  // address of the previous record that has one (Access/Run/Range/Atomic)
  uint64_t site = 0;  // previous site (those records, and Syncs with a known site)
  uint64_t seq = 0;
  uint64_t ts = 0;
  uint64_t obj = 0;   // obj of the previous Sync
  uint64_t site_addr[kAddrSlots] = {};  // previous address per site slot (SiteSlot)
};

// Longest task-stream record (a Sync: opcode + 7 varints). Writers keep this much room.
inline constexpr size_t kMaxStreamRecord = 1 + 7 * kMaxVarint;

// ---- shared field codings (trace/format.h, "Address fields" and "Sync records") ----

// Address field: the zigzag delta against the stream's previous address (low bit 0) or
// against the previous address of the record's site slot (low bit 1); the writer takes the
// shorter. User-space addresses (< 2^57) keep the shifted delta within 64 bits.
inline uint64_t AddrField(const StreamState& s, uint32_t site, uint64_t addr) {
  uint64_t local = ZigZag(static_cast<int64_t>(addr - s.site_addr[SiteSlot(site)]));
  if (local < 64) return local << 1 | 1;  // one byte already: the usual case in loops
  uint64_t global = ZigZag(static_cast<int64_t>(addr - s.addr));
  return global <= local ? global << 1 : local << 1 | 1;
}
inline uint64_t AddrFromField(const StreamState& s, uint32_t site, uint64_t field) {
  uint64_t base = (field & 1) ? s.site_addr[SiteSlot(site)] : s.addr;
  return base + static_cast<uint64_t>(UnZigZag(field >> 1));
}
// After a record with an address: both bases and the site move on.
inline void NoteAddr(StreamState& s, uint32_t site, uint64_t addr) {
  s.addr = addr;
  s.site_addr[SiteSlot(site)] = addr;
  s.site = site;
}
inline uint64_t SiteDelta(const StreamState& s, uint32_t site) {
  return ZigZag(static_cast<int64_t>(uint64_t{site} - s.site));
}
inline uint32_t SiteFromDelta(const StreamState& s, uint64_t field) {
  return static_cast<uint32_t>(s.site + static_cast<uint64_t>(UnZigZag(field)));
}
// Sync site field: 0 = unknown; else the site delta + 1 (and the site becomes the previous).
inline uint64_t SyncSiteField(const StreamState& s, uint32_t site) {
  return site ? SiteDelta(s, site) + 1 : 0;
}

// ---- encoders: write at p, return the end; caller guarantees kMaxStreamRecord bytes ----

// size_class: 0..4 for 1,2,4,8,16 bytes.
inline uint8_t* EncodeAccess(uint8_t* p, StreamState& s, bool write, unsigned size_class, uint64_t addr,
                             uint32_t site) {
  *p++ = AccessOp(write, size_class);
  p = PutVarint(p, AddrField(s, site, addr));
  p = PutVarint(p, SiteDelta(s, site));
  NoteAddr(s, site, addr);
  return p;
}

// A Run of `count` elements of 1 << size_class bytes from addr up. *count_at receives the
// position of the fixed-width count field, which the writer may raise in place later.
inline uint8_t* EncodeRun(uint8_t* p, StreamState& s, bool write, unsigned size_class, uint64_t addr,
                          uint32_t count, uint32_t site, uint8_t** count_at) {
  *p++ = RunOp(write, size_class);
  p = PutVarint(p, AddrField(s, site, addr));
  *count_at = p;
  std::memcpy(p, &count, kRunCountBytes);  // little-endian hosts only (x86-64, aarch64)
  p += kRunCountBytes;
  p = PutVarint(p, SiteDelta(s, site));
  NoteAddr(s, site, addr);
  return p;
}

inline uint8_t* EncodeRange(uint8_t* p, StreamState& s, bool write, uint64_t addr, uint64_t size,
                            uint32_t site) {
  *p++ = static_cast<uint8_t>(kOpRange | (write ? 1 : 0));
  p = PutVarint(p, AddrField(s, site, addr));
  p = PutVarint(p, size);
  p = PutVarint(p, SiteDelta(s, site));
  NoteAddr(s, site, addr);
  return p;
}

inline uint8_t* EncodeAtomic(uint8_t* p, StreamState& s, AtomicKind kind, MemOrder order, uint32_t size,
                             uint64_t addr, uint32_t site, uint64_t seq) {
  *p++ = kOpAtomic;
  *p++ = static_cast<uint8_t>(static_cast<unsigned>(kind) << 4 | static_cast<unsigned>(order));
  p = PutVarint(p, size);
  p = PutVarint(p, AddrField(s, site, addr));
  p = PutVarint(p, SiteDelta(s, site));
  p = PutVarint(p, seq - s.seq);
  NoteAddr(s, site, addr);
  s.seq = seq;
  return p;
}

inline uint8_t* EncodeFuncEnter(uint8_t* p, uint32_t callsite, uint32_t fn) {
  *p++ = kOpFuncEnter;
  p = PutVarint(p, callsite);
  return PutVarint(p, fn);
}

inline uint8_t* EncodeFuncExit(uint8_t* p) {
  *p++ = kOpFuncExit;
  return p;
}

// CPU samples (format.h "SampleFrame", "Sample"): absolute fields, no delta state.
inline constexpr size_t kMaxSampleFrameRecord = 1 + 2 * 5;  // callsite and fn are 32-bit
inline constexpr size_t kMaxSampleRecord = 1 + 3 * kMaxVarint;
inline uint8_t* EncodeSampleFrame(uint8_t* p, uint32_t callsite, uint32_t fn) {
  *p++ = kOpSampleFrame;
  p = PutVarint(p, callsite);
  return PutVarint(p, fn);
}
inline uint8_t* EncodeSample(uint8_t* p, uint32_t count, uint64_t cpu_ns, uint64_t ts) {
  *p++ = kOpSample;
  p = PutVarint(p, count);
  p = PutVarint(p, cpu_ns);
  return PutVarint(p, ts);
}

// The shortest of kOpSync (both args), kOpSync1 (arg2 == 0) and kOpSync0 (no args).
inline uint8_t* EncodeSync(uint8_t* p, StreamState& s, SyncKind kind, uint64_t seq, uint64_t ts, uint64_t obj,
                           uint64_t arg1, uint64_t arg2, uint32_t site) {
  *p++ = arg2 ? kOpSync : arg1 ? kOpSync1 : kOpSync0;
  p = PutVarint(p, static_cast<uint32_t>(kind));
  p = PutVarint(p, seq - s.seq);
  p = PutVarint(p, ts - s.ts);  // timestamps of one task never go backwards (monotonic clock)
  p = PutVarint(p, ZigZag(static_cast<int64_t>(obj - s.obj)));
  if (arg1 | arg2) p = PutVarint(p, arg1);
  if (arg2) p = PutVarint(p, arg2);
  p = PutVarint(p, SyncSiteField(s, site));
  s.seq = seq;
  s.ts = ts;
  s.obj = obj;
  if (site) s.site = site;
  return p;
}

// ---- decoder ----

struct Record {
  uint8_t op = 0;          // Op; for accesses and runs the full opcode (IsAccessOp, IsRunOp);
                           // every Sync form decodes as kOpSync
  bool write = false;      // Access / Run / Range
  AtomicKind atomic_kind = AtomicKind::kLoad;
  MemOrder order = MemOrder::kRelaxed;
  SyncKind sync_kind = SyncKind::kTaskStart;
  uint32_t site = 0;       // Access / Run / Range / Atomic / Sync
  uint32_t callsite = 0;   // FuncEnter / SampleFrame
  uint32_t fn = 0;         // FuncEnter / SampleFrame
  uint32_t count = 0;      // Run: number of elements (>= 1); Sample: timer expirations
  uint64_t addr = 0;       // Access / Run (first element) / Range / Atomic; Sync: obj
  uint64_t size = 0;       // Access / Range / Atomic; Run: size of one element
  uint64_t seq = 0;        // Atomic / Sync (absolute)
  uint64_t ts = 0;         // Sync / Sample (absolute ns since start_mono_ns)
  uint64_t arg1 = 0, arg2 = 0;  // Sync; Sample: arg1 = cpu_ns
};

enum class DecodeStatus { kOk, kTruncated, kBadOpcode, kBadField };

// Decodes one task-stream record at *p; advances *p on success. On failure *p and s are
// unchanged.
inline DecodeStatus DecodeRecord(const uint8_t** p, const uint8_t* end, StreamState& s, Record* r) {
  const uint8_t* q = *p;
  if (q >= end) return DecodeStatus::kTruncated;
  uint8_t op = *q++;
  *r = Record{};
  r->op = op;
  uint64_t a, b, c, d, e = 0, f = 0, g;
  auto get = [&](uint64_t* v) { return GetVarint(&q, end, v); };
  if (IsAccessOp(op)) {
    if (!get(&a) || !get(&b)) return DecodeStatus::kTruncated;
    r->write = AccessIsWrite(op);
    r->size = AccessSize(op);
    r->site = SiteFromDelta(s, b);
    r->addr = AddrFromField(s, r->site, a);
    NoteAddr(s, r->site, r->addr);
  } else if (IsRunOp(op)) {
    if (!get(&a)) return DecodeStatus::kTruncated;
    if (static_cast<size_t>(end - q) < kRunCountBytes) return DecodeStatus::kTruncated;
    uint32_t n;
    std::memcpy(&n, q, kRunCountBytes);
    q += kRunCountBytes;
    if (!get(&b)) return DecodeStatus::kTruncated;
    r->write = AccessIsWrite(op);
    r->size = AccessSize(op);
    r->count = n;
    r->site = SiteFromDelta(s, b);
    r->addr = AddrFromField(s, r->site, a);
    // No empty or over-long run, and the last element must not wrap around the address space.
    if (n == 0 || n > kMaxRunCount || uint64_t{n} * r->size - 1 > UINT64_MAX - r->addr)
      return DecodeStatus::kBadField;
    NoteAddr(s, r->site, r->addr);
  } else if (op == kOpRange || op == kOpRange + 1) {
    if (!get(&a) || !get(&b) || !get(&c)) return DecodeStatus::kTruncated;
    r->write = op & 1;
    r->size = b;
    r->site = SiteFromDelta(s, c);
    r->addr = AddrFromField(s, r->site, a);
    NoteAddr(s, r->site, r->addr);
  } else if (op == kOpAtomic) {
    if (q >= end) return DecodeStatus::kTruncated;
    uint8_t ko = *q++;
    if ((ko >> 4) > static_cast<unsigned>(AtomicKind::kSignalFence) ||
        (ko & 15) > static_cast<unsigned>(MemOrder::kSeqCst))
      return DecodeStatus::kBadField;
    if (!get(&a) || !get(&b) || !get(&c) || !get(&d)) return DecodeStatus::kTruncated;
    r->atomic_kind = static_cast<AtomicKind>(ko >> 4);
    r->order = static_cast<MemOrder>(ko & 15);
    r->size = a;
    r->site = SiteFromDelta(s, c);
    r->addr = AddrFromField(s, r->site, b);
    r->seq = s.seq + d;
    NoteAddr(s, r->site, r->addr);
    s.seq = r->seq;
  } else if (op == kOpFuncEnter) {
    if (!get(&a) || !get(&b)) return DecodeStatus::kTruncated;
    if (a > UINT32_MAX || b > UINT32_MAX) return DecodeStatus::kBadField;
    r->callsite = static_cast<uint32_t>(a);
    r->fn = static_cast<uint32_t>(b);
  } else if (op == kOpSampleFrame) {
    if (!get(&a) || !get(&b)) return DecodeStatus::kTruncated;
    if (a > UINT32_MAX || b > UINT32_MAX) return DecodeStatus::kBadField;
    r->callsite = static_cast<uint32_t>(a);
    r->fn = static_cast<uint32_t>(b);
  } else if (op == kOpSample) {
    if (!get(&a) || !get(&b) || !get(&c)) return DecodeStatus::kTruncated;
    if (a == 0 || a > UINT32_MAX) return DecodeStatus::kBadField;
    r->count = static_cast<uint32_t>(a);
    r->arg1 = b;
    r->ts = c;
  } else if (op == kOpFuncExit || op == kOpPad) {
    // no fields
  } else if (IsSyncOp(op)) {
    if (!get(&a) || !get(&b) || !get(&c) || !get(&d)) return DecodeStatus::kTruncated;
    if (op != kOpSync0 && !get(&e)) return DecodeStatus::kTruncated;
    if (op == kOpSync && !get(&f)) return DecodeStatus::kTruncated;
    if (!get(&g)) return DecodeStatus::kTruncated;
    if (a > UINT32_MAX) return DecodeStatus::kBadField;
    r->op = kOpSync;
    r->sync_kind = static_cast<SyncKind>(a);
    r->seq = s.seq + b;
    r->ts = s.ts + c;
    r->addr = s.obj + static_cast<uint64_t>(UnZigZag(d));
    r->arg1 = e;
    r->arg2 = f;
    if (g) {
      uint64_t site = s.site + static_cast<uint64_t>(UnZigZag(g - 1));
      if (site == 0 || site > UINT32_MAX) return DecodeStatus::kBadField;
      r->site = static_cast<uint32_t>(site);
      s.site = site;
    }
    s.seq = r->seq;
    s.ts = r->ts;
    s.obj = r->addr;
  } else {
    return DecodeStatus::kBadOpcode;
  }
  *p = q;
  return DecodeStatus::kOk;
}

// ---- metadata stream ----
//
// Every metadata record is an opcode and up to kMetaMaxFields varints; kMetaString is
// followed by its bytes. Field order per opcode is listed in trace/format.h.

inline constexpr unsigned kMetaMaxFields = 6;

inline constexpr unsigned MetaFieldCount(uint8_t op) {
  switch (op) {
    case kMetaString: return 2;     // id, len (then len bytes)
    case kMetaModule: return 4;     // module_id, path_str, site_base, site_count
    case kMetaSite: return 6;       // site_id, fn_str, file_str, line, column, inlined_at
    case kMetaGlobal: return 5;     // addr, size, name_str, file_str, line
    case kMetaTaskName: return 2;   // task, name_str
    case kMetaArg: return 2;        // index, str
    case kMetaOption: return 2;     // key_str, value_str
    case kMetaPanic: return 2;      // task, message_str
    default: return 0;
  }
}

struct MetaRecord {
  uint8_t op = 0;
  uint64_t f[kMetaMaxFields] = {};
  const uint8_t* bytes = nullptr;  // kMetaString: f[1] bytes, pointing into the input
};

// Longest metadata record: a kMetaString of kMaxRecordSize bytes in all.
inline uint8_t* EncodeMeta(uint8_t* p, uint8_t op, const uint64_t* fields) {
  *p++ = op;
  for (unsigned i = 0; i < MetaFieldCount(op); ++i) p = PutVarint(p, fields[i]);
  return p;
}

// Strings are cut to fit a record; the cut never splits a UTF-8 sequence.
inline size_t MetaStringFit(const char* s, size_t len) {
  size_t max = kMaxRecordSize - 1 - 2 * kMaxVarint;
  if (len <= max) return len;
  len = max;
  while (len > 0 && (static_cast<uint8_t>(s[len]) & 0xc0) == 0x80) --len;
  return len;
}

inline uint8_t* EncodeMetaString(uint8_t* p, uint64_t id, const char* s, size_t len) {
  len = MetaStringFit(s, len);
  uint64_t fields[2] = {id, len};
  p = EncodeMeta(p, kMetaString, fields);
  std::memcpy(p, s, len);
  return p + len;
}

inline DecodeStatus DecodeMeta(const uint8_t** p, const uint8_t* end, MetaRecord* r) {
  const uint8_t* q = *p;
  if (q >= end) return DecodeStatus::kTruncated;
  *r = MetaRecord{};
  r->op = *q++;
  unsigned n = MetaFieldCount(r->op);
  if (n == 0) return DecodeStatus::kBadOpcode;
  for (unsigned i = 0; i < n; ++i)
    if (!GetVarint(&q, end, &r->f[i])) return DecodeStatus::kTruncated;
  if (r->op == kMetaString) {
    if (r->f[1] > kMaxRecordSize) return DecodeStatus::kBadField;
    if (static_cast<uint64_t>(end - q) < r->f[1]) return DecodeStatus::kTruncated;
    r->bytes = q;
    q += r->f[1];
  }
  *p = q;
  return DecodeStatus::kOk;
}

}  // namespace ccsp::trace
