// ccsp trace format, version 2: the one definition shared by the runtime (writer) and the
// analyzer (reader). Header-only, dependency-free (C++17, <cstdint>/<cstring> only), no
// allocation. Every layout the two sides must agree on is spelled here and nowhere else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "ccsp/detail/abi_events.hpp"

namespace ccsp::trace {

// ---------------------------------------------------------------------------------------------
// File layout
//
//   offset 0                kFileHeaderSize (4096)
//   +-------------------+---------------------+---------------------+-----
//   | FileHeader        | chunk 0             | chunk 1             | ...
//   +-------------------+---------------------+---------------------+-----
//                        <---- kChunkSize ---->
//
// The file is written through a shared mapping, so the page cache holds every byte the
// program wrote even if it is killed with SIGKILL. Chunks are fixed-size and live at
// kFileHeaderSize + i * kChunkSize. Each chunk belongs to one stream: a task's event stream,
// or the metadata stream (stream id kMetaStream). A stream's chunks form a linked list through
// ChunkHeader::next; its first chunk has ChunkHeader::index == 0.
//
// Publication (crash safety): a writer appends records after ChunkHeader and then stores the
// new payload length into ChunkHeader::used with release order. A reader trusts only
// [0, used) of each chunk, and only chunks below FileHeader::chunks_allocated. So a SIGKILL
// loses at most the record being written (a Run's count may still grow in place after its
// record was published). Records never straddle chunks.
//
// The runtime writes a task stream through one staging chunk: full, it is copied (bytes and
// header, `next` pointing back at the staging chunk) into a fresh chunk, the previous copy is
// linked to that copy, and the staging chunk takes the next index with used = 0 in one 8-byte
// store (index and used are adjacent). Readers need not know: following `next` from index 0
// gives the chunks in order. A writer killed between the copy and that store leaves two
// chunks with the same index and the same bytes; either one is the right one.
//
// Ending: a clean exit sets FileHeader::flags |= kFlagComplete and truncates the file to the
// allocated chunks. A file without kFlagComplete was cut short (crash, _exit, SIGKILL) and is
// analyzed up to what was published.
// ---------------------------------------------------------------------------------------------

inline constexpr char kMagic[8] = {'C', 'C', 'S', 'P', 'T', 'R', 'C', '\0'};
inline constexpr uint32_t kFormatVersion = 2;
inline constexpr uint32_t kFileHeaderSize = 4096;
inline constexpr uint32_t kChunkSize = 64 * 1024;
inline constexpr uint32_t kChunkMagic = 0x4b484343;  // "CCHK" little-endian
inline constexpr uint32_t kMetaStream = 0xffffffffu;  // stream id of the metadata stream
inline constexpr uint32_t kMaxRecordSize = 1024;      // no record is longer (strings are cut)

enum FileFlags : uint32_t {
  kFlagComplete = 1u << 0,   // the program exited through exit()/return from main
  kFlagForkChild = 1u << 1,  // written by a child after fork()
};

// Fixed-size file header at offset 0. Fields are little-endian, naturally aligned.
struct FileHeader {
  char magic[8];              // kMagic
  uint32_t version;           // kFormatVersion
  uint32_t header_size;       // kFileHeaderSize
  uint32_t chunk_size;        // kChunkSize
  uint32_t flags;             // FileFlags; updated atomically
  uint64_t chunks_allocated;  // number of chunks handed out so far; updated atomically
  uint64_t pid;
  uint64_t parent_pid;        // pid of the parent ccsp process after fork, else 0
  uint64_t start_realtime_ns; // CLOCK_REALTIME at start
  uint64_t start_mono_ns;     // CLOCK_MONOTONIC at start; event timestamps are deltas from it
  int32_t exit_status;        // valid when kFlagComplete
  uint32_t argc;              // program arguments are in the metadata stream (kMetaArg)
  char clock_source[16];      // "monotonic"
  char program[256];          // /proc/self/exe, NUL-terminated, cut to fit
  uint8_t reserved[kFileHeaderSize - 8 - 4 * 4 - 8 * 5 - 4 - 4 - 16 - 256];
};
static_assert(sizeof(FileHeader) == kFileHeaderSize, "FileHeader must fill its page");

struct ChunkHeader {
  uint32_t magic;   // kChunkMagic
  uint32_t stream;  // task id, or kMetaStream
  uint32_t index;   // position of this chunk in its stream: 0, 1, 2, ...
  uint32_t used;    // published payload bytes after this header; release-stored by the writer
  uint64_t next;    // file offset of the stream's next chunk, 0 while there is none
  uint64_t reserved;
};
static_assert(sizeof(ChunkHeader) == 32, "ChunkHeader layout is part of the format");
inline constexpr uint32_t kChunkPayload = kChunkSize - sizeof(ChunkHeader);

inline uint64_t ChunkOffset(uint64_t chunk_number) {
  return kFileHeaderSize + chunk_number * uint64_t{kChunkSize};
}

// ---------------------------------------------------------------------------------------------
// Record encoding
//
// A record is one opcode byte followed by LEB128 varints (unsigned) or zigzag varints
// (signed), except the fixed-width count of a Run. Task streams are delta-coded: the reader
// keeps, per stream, the delta state below (trace/codec.h StreamState), all 0 when the stream
// starts and continuing across chunk boundaries:
//
//   prev_addr       address of the previous record that has one (Access, Run, Range, Atomic)
//   site_addr[64]   previous such address per site slot: slot(site) = site & 63
//   prev_site       site of the previous Access/Run/Range/Atomic, or Sync with a known site
//   prev_seq, prev_ts, prev_obj   of the previous Atomic/Sync, Sync, Sync
//
// Address fields ("A" below) are delta-coded against one of two bases, the writer's choice:
//   A = zz(addr - prev_addr) << 1            or   zz(addr - site_addr[slot(site)]) << 1 | 1
// (the site is the record's own, decoded from its site field first). A loop that touches the
// same variables every iteration costs ~1 byte per address even when they lie far apart.
// After the record: prev_addr = site_addr[slot(site)] = addr, prev_site = site.
// "S" below is zz(site - prev_site).
//
// Task stream records (opcode byte, then fields in order):
//
//   Access   op = kOpAccess | write<<3 | size_class      A, S
//            size_class: 0..4 = 1,2,4,8,16 bytes.
//   Run      op = kOpRun | write<<3 | size_class         A, count, S
//            count elements of 1 << size_class bytes at addr, addr + size, ...,
//            addr + (count-1)*size, all from one site: exactly `count` Access records (in
//            this order), written as one. count is a FIXED 4-byte little-endian field (not a
//            varint), 1..kMaxRunCount: the writer opens the record with count 1 and raises
//            it in place as the run grows, so a killed program's trace holds every element
//            recorded so far. The delta state moves to the first element. A writer
//            keeps a run open only while the task writes nothing but Access/Range/Run
//            records (any other record, a new chunk or a changed stack closes it), so all
//            elements have the stack in force at the Run record and belong to its epoch.
//   Range    op = kOpRange | write                        A, size, S
//   Atomic   op = kOpAtomic                               kind_order = AtomicKind<<4 | MemOrder,
//            size, A, S, seq - prev_seq
//            (a fence has size 0 and addr 0; a failed compare-exchange is kCasFail with the
//            failure order. seq is taken atomically with the operation, so the seq order of
//            atomics on one location is its modification order.)
//   Enter    op = kOpFuncEnter                            callsite, fn
//            callsite: site of the call instruction in the caller (0 when unknown, e.g. the
//            caller is not instrumented); fn: site of the function itself (its name).
//   Exit     op = kOpFuncExit                             (no fields)
//   Sync     op = kOpSync                                 kind (SyncKind), seq - prev_seq,
//            ts - prev_ts, zz(obj - prev_obj), arg1, arg2, site_field
//            op = kOpSync1: the same without arg2 (arg2 = 0); op = kOpSync0: without arg1 and
//            arg2 (both 0). ts: ns since FileHeader::start_mono_ns; site: call site of the
//            operation in the innermost instrumented frame, 0 if unknown; site_field = 0 for
//            site 0, else S + 1 (then prev_site = site). seq: see below. Afterwards
//            prev_obj = obj.
//   SampleFrame op = kOpSampleFrame                       callsite, fn
//            one frame of the next Sample's stack that the stream has not entered (no
//            FuncEnter written for it), outermost first; callsite and fn as in Enter. fn = 0
//            marks frames left out there (more than kMaxSampleFrames unwritten frames).
//   Sample   op = kOpSample                               count, cpu_ns, ts
//            a CPU profiling sample (CCSP_OPTIONS cpu_profile_hz): the task was running with
//            the stream's current stack followed by the SampleFrames right before this
//            record. count: timer expirations it stands for (>= 1); cpu_ns: the task CPU
//            time they stand for; ts: absolute ns since FileHeader::start_mono_ns, the time
//            of the latest of them. The task's SIGPROF handler only notes a sample; the task
//            writes it before its next record, so a Sample never interrupts another record.
//            Neither record reads or changes the delta state or ends an epoch; like any
//            record other than an access they close open runs.
//
// Sequence numbers. Every Sync and Atomic record carries a Lamport stamp, taken at the moment
// the operation takes effect (for a release: before the object is released; for an acquire:
// after it is acquired). Sync records take theirs from one process-wide counter, atomics from
// a counter per address stripe (so the stamps of one location follow its modification order),
// fences from the task alone; each stamp is above the task's previous one and above the last
// one its counter gave out. Every happens-before edge therefore goes from a smaller stamp to
// a larger one, and the analyzer replays the streams merged by (seq, task): a linear extension
// of happens-before. Seqs start at 1 and increase strictly within a stream; Sync seqs are
// unique within a file, while an Atomic may share its number with another task's record
// (equal stamps are never ordered by happens-before).
//
// Metadata stream records (op byte, then fields), written under one lock:
//
//   kMetaString      id, len, bytes[len]                 interned string (names, files)
//   kMetaModule      module_id, path_str, site_base, site_count
//   kMetaSite        site_id, fn_str, file_str, line, column, inlined_at_site (0 = none)
//                    site ids are global: module site_base + local index; 0 is "unknown".
//   kMetaGlobal      addr, size, name_str, file_str, line    an instrumented global variable
//   kMetaTaskName    task, name_str
//   kMetaArg         index, str                          program argument argv[index]
//   kMetaOption      key_str, value_str                  effective CCSP_OPTIONS
//   kMetaPanic       task, message_str                   a Go-style panic / fatal message
// ---------------------------------------------------------------------------------------------

enum Op : uint8_t {
  kOpAccess = 0x10,  // 0x10..0x1c: | write<<3 | size_class
  kOpRange = 0x20,   // 0x20 read, 0x21 write
  kOpRun = 0x30,     // 0x30..0x3c: | write<<3 | size_class
  kOpAtomic = 0x22,
  kOpFuncEnter = 0x23,
  kOpFuncExit = 0x24,
  kOpSync = 0x25,   // with arg1 and arg2
  kOpPad = 0x26,  // no fields; ignored (lets a writer fill space)
  kOpSync1 = 0x27,  // a Sync with arg1 only (arg2 = 0)
  kOpSync0 = 0x28,  // a Sync without args (arg1 = arg2 = 0)
  kOpSampleFrame = 0x29,  // one unwritten frame of the next Sample's stack
  kOpSample = 0x2a,       // a CPU profiling sample

  kMetaString = 0x40,
  kMetaModule = 0x41,
  kMetaSite = 0x42,
  kMetaGlobal = 0x43,
  kMetaTaskName = 0x44,
  kMetaArg = 0x45,
  kMetaOption = 0x46,
  kMetaPanic = 0x47,
};

inline constexpr uint8_t AccessOp(bool write, unsigned size_class) {
  return static_cast<uint8_t>(kOpAccess | (write ? 8u : 0u) | size_class);
}
inline constexpr bool IsAccessOp(uint8_t op) { return (op & 0xf0) == kOpAccess && (op & 7) <= 4; }
inline constexpr unsigned AccessSize(uint8_t op) { return 1u << (op & 7); }
inline constexpr bool AccessIsWrite(uint8_t op) { return (op & 8) != 0; }
inline constexpr uint8_t RunOp(bool write, unsigned size_class) {
  return static_cast<uint8_t>(kOpRun | (write ? 8u : 0u) | size_class);
}
inline constexpr bool IsRunOp(uint8_t op) { return (op & 0xf0) == kOpRun && (op & 7) <= 4; }
inline constexpr uint32_t kRunCountBytes = 4;         // the fixed-width count field of a Run
inline constexpr uint32_t kMaxRunCount = 1u << 24;     // a Run holds 1..kMaxRunCount elements
inline constexpr bool IsSyncOp(uint8_t op) { return op == kOpSync || op == kOpSync1 || op == kOpSync0; }

inline constexpr unsigned kMaxSampleFrames = 16;  // SampleFrames before one Sample, at most

inline constexpr unsigned kAddrSlots = 64;  // per-site address bases of the delta state
inline constexpr unsigned SiteSlot(uint32_t site) { return site & (kAddrSlots - 1); }

// The event vocabulary (SyncKind, BlockOp, MemOrder, ...) is the runtime ABI's: the API headers
// pass these values to __ccsp_sync, so they live in <ccsp/detail/abi_events.hpp>. The format
// records them as they are.
using abi::AllocKind;
using abi::AtomicKind;
using abi::BlockOp;
using abi::BlockOutcome;
using abi::CtxErr;
using abi::IsAcquire;
using abi::IsRelease;
using abi::MemOrder;
using abi::MisuseKind;
using abi::MutexFlags;
using abi::SyncKind;
using abi::ZigZag;
using abi::UnZigZag;
using abi::kMutexTry;
using abi::kMutexTimed;
using abi::kMutexRecursive;
using abi::kMutexSpin;
using abi::kMutexErrorCheck;
using abi::kMutexRobust;

// ---------------------------------------------------------------------------------------------
// Varint helpers. Writers must ensure kMaxVarint bytes of room per field.
// ---------------------------------------------------------------------------------------------

inline constexpr size_t kMaxVarint = 10;


inline uint8_t* PutVarint(uint8_t* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<uint8_t>(v);
  return p;
}

// Reads a varint from [*p, end). Returns false (and leaves *p unspecified) on a truncated or
// over-long encoding, so a reader never runs past its buffer.
inline bool GetVarint(const uint8_t** p, const uint8_t* end, uint64_t* out) {
  uint64_t v = 0;
  for (unsigned shift = 0; shift < 64 && *p < end; shift += 7) {
    uint8_t b = *(*p)++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *out = v;
      return true;
    }
  }
  return false;
}

}  // namespace ccsp::trace
