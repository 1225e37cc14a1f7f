// Record encoder and decoder for the ccsp trace format (layouts in trace_format.h).
// Writer and reader side by side so they cannot drift apart. Header-only, no allocation,
// no exceptions: the runtime's hot path inlines the encoders, the analyzer the decoder.
#pragma once

#include "ccsp/trace_format.h"

namespace ccsp::trace {

// Per-stream delta state; starts zeroed at the beginning of every task stream.
struct StreamState {
  uint64_t addr = 0;
  uint64_t site = 0;
  uint64_t seq = 0;
  uint64_t ts = 0;
};

// Longest task-stream record (a Sync: opcode + 7 varints). Writers keep this much room.
inline constexpr size_t kMaxStreamRecord = 1 + 7 * kMaxVarint;

// ---- encoders: write at p, return the end; caller guarantees kMaxStreamRecord bytes ----

// size_class: 0..4 for 1,2,4,8,16 bytes.
inline uint8_t* EncodeAccess(uint8_t* p, StreamState& s, bool write, unsigned size_class, uint64_t addr,
                             uint32_t site) {
  *p++ = AccessOp(write, size_class);
  p = PutVarint(p, ZigZag(static_cast<int64_t>(addr - s.addr)));
  p = PutVarint(p, ZigZag(static_cast<int64_t>(uint64_t{site} - s.site)));
  s.addr = addr;
  s.site = site;
  return p;
}

inline uint8_t* EncodeRange(uint8_t* p, StreamState& s, bool write, uint64_t addr, uint64_t size,
                            uint32_t site) {
  *p++ = static_cast<uint8_t>(kOpRange | (write ? 1 : 0));
  p = PutVarint(p, ZigZag(static_cast<int64_t>(addr - s.addr)));
  p = PutVarint(p, size);
  p = PutVarint(p, ZigZag(static_cast<int64_t>(uint64_t{site} - s.site)));
  s.addr = addr;
  s.site = site;
  return p;
}

inline uint8_t* EncodeAtomic(uint8_t* p, StreamState& s, AtomicKind kind, MemOrder order, uint32_t size,
                             uint64_t addr, uint32_t site, uint64_t seq) {
  *p++ = kOpAtomic;
  *p++ = static_cast<uint8_t>(static_cast<unsigned>(kind) << 4 | static_cast<unsigned>(order));
  p = PutVarint(p, size);
  p = PutVarint(p, ZigZag(static_cast<int64_t>(addr - s.addr)));
  p = PutVarint(p, ZigZag(static_cast<int64_t>(uint64_t{site} - s.site)));
  p = PutVarint(p, seq - s.seq);
  s.addr = addr;
  s.site = site;
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

inline uint8_t* EncodeSync(uint8_t* p, StreamState& s, SyncKind kind, uint64_t seq, uint64_t ts, uint64_t obj,
                           uint64_t arg1, uint64_t arg2, uint32_t site) {
  *p++ = kOpSync;
  p = PutVarint(p, static_cast<uint32_t>(kind));
  p = PutVarint(p, seq - s.seq);
  p = PutVarint(p, ts - s.ts);  // timestamps of one task never go backwards (monotonic clock)
  p = PutVarint(p, obj);
  p = PutVarint(p, arg1);
  p = PutVarint(p, arg2);
  p = PutVarint(p, site);
  s.seq = seq;
  s.ts = ts;
  return p;
}

// ---- decoder ----

struct Record {
  uint8_t op = 0;          // Op; for accesses the full opcode (see IsAccessOp)
  bool write = false;      // Access / Range
  AtomicKind atomic_kind = AtomicKind::kLoad;
  MemOrder order = MemOrder::kRelaxed;
  SyncKind sync_kind = SyncKind::kTaskStart;
  uint32_t site = 0;       // Access / Range / Atomic / Sync
  uint32_t callsite = 0;   // FuncEnter
  uint32_t fn = 0;         // FuncEnter
  uint64_t addr = 0;       // Access / Range / Atomic; Sync: obj
  uint64_t size = 0;       // Access / Range / Atomic
  uint64_t seq = 0;        // Atomic / Sync (absolute)
  uint64_t ts = 0;         // Sync (absolute ns since start_mono_ns)
  uint64_t arg1 = 0, arg2 = 0;  // Sync
};

enum class DecodeStatus { kOk, kTruncated, kBadOpcode, kBadField };

// Decodes one task-stream record at *p; advances *p on success. On failure *p is unchanged.
inline DecodeStatus DecodeRecord(const uint8_t** p, const uint8_t* end, StreamState& s, Record* r) {
  const uint8_t* q = *p;
  if (q >= end) return DecodeStatus::kTruncated;
  uint8_t op = *q++;
  *r = Record{};
  r->op = op;
  uint64_t a, b, c, d, e, f, g;
  auto get = [&](uint64_t* v) { return GetVarint(&q, end, v); };
  if (IsAccessOp(op)) {
    if (!get(&a) || !get(&b)) return DecodeStatus::kTruncated;
    r->write = AccessIsWrite(op);
    r->size = AccessSize(op);
    r->addr = s.addr + static_cast<uint64_t>(UnZigZag(a));
    r->site = static_cast<uint32_t>(s.site + static_cast<uint64_t>(UnZigZag(b)));
    s.addr = r->addr;
    s.site = r->site;
  } else if (op == kOpRange || op == kOpRange + 1) {
    if (!get(&a) || !get(&b) || !get(&c)) return DecodeStatus::kTruncated;
    r->write = op & 1;
    r->addr = s.addr + static_cast<uint64_t>(UnZigZag(a));
    r->size = b;
    r->site = static_cast<uint32_t>(s.site + static_cast<uint64_t>(UnZigZag(c)));
    s.addr = r->addr;
    s.site = r->site;
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
    r->addr = s.addr + static_cast<uint64_t>(UnZigZag(b));
    r->site = static_cast<uint32_t>(s.site + static_cast<uint64_t>(UnZigZag(c)));
    r->seq = s.seq + d;
    s.addr = r->addr;
    s.site = r->site;
    s.seq = r->seq;
  } else if (op == kOpFuncEnter) {
    if (!get(&a) || !get(&b)) return DecodeStatus::kTruncated;
    if (a > UINT32_MAX || b > UINT32_MAX) return DecodeStatus::kBadField;
    r->callsite = static_cast<uint32_t>(a);
    r->fn = static_cast<uint32_t>(b);
  } else if (op == kOpFuncExit || op == kOpPad) {
    // no fields
  } else if (op == kOpSync) {
    if (!get(&a) || !get(&b) || !get(&c) || !get(&d) || !get(&e) || !get(&f) || !get(&g))
      return DecodeStatus::kTruncated;
    if (a > UINT32_MAX || g > UINT32_MAX) return DecodeStatus::kBadField;
    r->sync_kind = static_cast<SyncKind>(a);
    r->seq = s.seq + b;
    r->ts = s.ts + c;
    r->addr = d;
    r->arg1 = e;
    r->arg2 = f;
    r->site = static_cast<uint32_t>(g);
    s.seq = r->seq;
    s.ts = r->ts;
  } else {
    return DecodeStatus::kBadOpcode;
  }
  *p = q;
  return DecodeStatus::kOk;
}

// ---- metadata stream ----
//
// Every metadata record is an opcode and up to kMetaMaxFields varints; kMetaString is
// followed by its bytes. Field order per opcode is listed in trace_format.h.

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
