// ccsp trace format, version 2: the one definition shared by the runtime (writer) and the
// analyzer (reader). Header-only, dependency-free (C++17, <cstdint>/<cstring> only), no
// allocation. Every layout the two sides must agree on is spelled here and nowhere else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

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
// keeps, per stream, the delta state below (trace_codec.h StreamState), all 0 when the stream
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

inline constexpr unsigned kAddrSlots = 64;  // per-site address bases of the delta state
inline constexpr unsigned SiteSlot(uint32_t site) { return site & (kAddrSlots - 1); }

// Memory orders, numbered as C11's memory_order_* (and as __ATOMIC_*).
enum class MemOrder : uint8_t { kRelaxed = 0, kConsume = 1, kAcquire = 2, kRelease = 3, kAcqRel = 4, kSeqCst = 5 };

enum class AtomicKind : uint8_t {
  kLoad = 0,
  kStore = 1,
  kRmw = 2,      // exchange, fetch_add, ...: reads and writes
  kCasOk = 3,    // compare-exchange that stored
  kCasFail = 4,  // compare-exchange that only loaded (order = failure order)
  kFence = 5,    // atomic_thread_fence
  kSignalFence = 6,
};

inline constexpr bool IsAcquire(MemOrder o) {
  return o == MemOrder::kConsume || o == MemOrder::kAcquire || o == MemOrder::kAcqRel || o == MemOrder::kSeqCst;
}
inline constexpr bool IsRelease(MemOrder o) {
  return o == MemOrder::kRelease || o == MemOrder::kAcqRel || o == MemOrder::kSeqCst;
}

// Synchronization and lifecycle events. For each kind: what obj/arg1/arg2 hold and the
// happens-before rule the analyzer applies ("rel(X)" = join the task's clock into X's clock,
// "acq(X)" = join X's clock into the task's clock).
enum class SyncKind : uint32_t {
  // Tasks. A task id is the runtime's own number (main = 1), never an OS tid.
  kTaskCreate = 1,  // obj=pthread_t or 0, arg1=child task id. rel(child start)
  kTaskStart = 2,   // arg1=parent task id (0 for main). acq(creation). First record of a stream.
  kTaskEnd = 3,     // rel(task end). Last record of a stream that ended normally.
  kTaskJoin = 4,    // arg1=joined task id. acq(joined task's end)
  kTaskDetach = 5,  // arg1=detached task id
  // Mutexes (pthread mutex, spinlock; obj = address of the lock object).
  kMutexInit = 10,       // arg1=MutexFlags
  kMutexLock = 11,       // arg1=MutexFlags (try/timed/recursive/spin). acq(obj)
  kMutexUnlock = 12,     // rel(obj)
  kMutexTryFail = 13,    // trylock/timedlock that did not get the lock. no edge
  kMutexDestroy = 14,
  kRwInit = 20,
  kRwRdLock = 21,   // acq(obj write clock)
  kRwWrLock = 22,   // acq(obj write clock), acq(obj read clock)
  kRwUnlock = 23,   // read unlock: rel(obj read clock); write unlock: rel(obj write clock).
                    // which one follows from the analyzer's own state of obj.
  kRwTryFail = 24,
  kRwDestroy = 25,
  // Condition variables (obj = cond). The mutex side is recorded as Mutex events.
  kCondSignal = 30,     // rel(obj)
  kCondBroadcast = 31,  // rel(obj)
  kCondWake = 32,       // a wait returned; arg1=mutex, arg2=1 if timed out. acq(obj)
  kCondDestroy = 33,
  // Barriers (obj = barrier).
  kBarrierInit = 40,    // arg1=count
  kBarrierArrive = 41,  // rel(obj generation = arrival_number / count)
  kBarrierDepart = 42,  // acq(that generation); arg1 = 1 for the serial thread
  kBarrierDestroy = 43,
  // Semaphores (obj = sem_t).
  kSemInit = 50,  // arg1=initial value
  kSemPost = 51,  // rel(obj)
  kSemWait = 52,  // a wait/trywait/timedwait that decremented. acq(obj)
  kSemTryFail = 53,
  kSemDestroy = 54,
  // Once (pthread_once, __cxa_guard_*; obj = once control / guard).
  kOnceDone = 60,    // the initializer finished. rel(obj)
  kOnceReturn = 61,  // a caller returned with the object initialized. acq(obj)
  // Heap (obj = block address).
  kAlloc = 70,  // arg1=size, arg2=AllocKind. The block's previous life at obj ends here.
  kFree = 71,   // arg2=AllocKind. A write of the whole block, then the block's life ends.
  // Blocking (obj = what the task waits on, arg1 = BlockOp). Between kBlockBegin and the
  // next kBlockEnd of the same task, the task is asleep in that operation.
  kBlockBegin = 80,
  kBlockEnd = 81,  // arg1=BlockOp, arg2=BlockOutcome
  kSelectCase = 82,  // just before kBlockBegin(kSelect): obj=chan, arg1=0 recv / 1 send
  // Channels (obj = channel identity). k counts from 0 per channel.
  kChanMake = 90,      // arg1=capacity
  kChanSend = 91,      // value k placed in the channel (or handed over). arg1=k. rel(obj slot k)
  kChanSendDone = 92,  // the send of value k completes. arg1=k. acq(recv slot k - cap)
  kChanRecv = 93,      // the k-th value received. arg1=k, arg2=0. acq(slot k); rel(recv slot k)
  kChanRecvClosed = 94,  // a receive returned because the channel is closed. acq(close)
  kChanClose = 95,       // rel(close of obj)
  // Wait groups, pools, contexts (obj = the object; ctx.done() closes a channel, recorded
  // as kChanClose on that channel).
  kWgAdd = 100,   // arg1=zigzag(delta). delta < 0: rel(obj)
  kWgWait = 101,  // wait returned. acq(obj)
  kPoolPut = 110,  // arg1=item address. rel(item)
  kPoolGet = 111,  // arg1=item address, arg2=1 if newly made. acq(item) unless new
  kCtxCancel = 120,   // arg1=CtxErr. rel(obj)
  kCtxObserve = 121,  // err() returned non-empty. acq(obj)
  // Explicit annotations (AnnotateHappensBefore/After).
  kRelease = 130,  // rel(obj)
  kAcquire = 131,  // acq(obj)
  // Misuse and fatal conditions detected by the runtime (arg1 = MisuseKind). The runtime
  // also writes kMetaPanic with the message.
  kMisuse = 140,
  // Process.
  kProcessExit = 150,  // arg1=exit status. Last record of the task that called exit.
  kAllAsleep = 151,    // watchdog fired in this (reporting) stream; arg1=number of tasks
  kFork = 152,         // arg1=child pid
};

enum MutexFlags : uint32_t {
  kMutexTry = 1, kMutexTimed = 2, kMutexRecursive = 4, kMutexSpin = 8, kMutexErrorCheck = 16,
  kMutexRobust = 32,
};

enum class AllocKind : uint32_t { kMalloc = 0, kNew = 1, kNewArray = 2, kAligned = 3, kMmap = 4 };

enum class BlockOp : uint32_t {
  kMutexLock = 1, kRwRdLock = 2, kRwWrLock = 3, kCondWait = 4, kJoin = 5, kBarrier = 6,
  kSemWait = 7, kOnce = 8, kChanSend = 9, kChanRecv = 10, kSelect = 11, kWgWait = 12,
  kSleep = 13, kSpinLock = 14,
};

enum class BlockOutcome : uint32_t { kOk = 0, kTimedOut = 1, kClosed = 2, kError = 3, kInterrupted = 4 };

enum class MisuseKind : uint32_t {
  kUnlockUnlocked = 1, kUnlockForeign = 2, kDoubleLock = 3, kDestroyLocked = 4,
  kNegativeWaitGroup = 5, kSendOnClosed = 6, kCloseClosed = 7, kCloseNil = 8,
  kPanic = 9,  // a user-level ccsp panic
};

enum class CtxErr : uint32_t { kNone = 0, kCanceled = 1, kDeadlineExceeded = 2 };

// ---------------------------------------------------------------------------------------------
// Varint helpers. Writers must ensure kMaxVarint bytes of room per field.
// ---------------------------------------------------------------------------------------------

inline constexpr size_t kMaxVarint = 10;

inline uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

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
