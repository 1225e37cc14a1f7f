// Trace file mapping and chunk allocation (format: trace/format.h). The address range
// is reserved once (PROT_NONE); file segments are mapped MAP_FIXED into it as the file grows,
// so a chunk's address is base + ChunkOffset(i) and never moves.
#include "trace_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "spin_lock.h"

namespace ccsp::rt::tracefile {
namespace {

using trace::ChunkHeader;
using trace::FileHeader;

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kInitialSize = trace::kFileHeaderSize + 16ull * trace::kChunkSize;

struct State {
  SpinLock lock;
  int fd = -1;
  uint8_t* base = nullptr;  // reserved range
  uint64_t reserved = 0;
  uint64_t mapped = 0;      // bytes of the file mapped at base
  uint64_t file_size = 0;
  bool stopped = false;
  uint64_t start_mono = 0;
  char path[4096] = {};
};
constinit State g;

FileHeader* Hdr() { return reinterpret_cast<FileHeader*>(g.base); }

bool Reserve() {
  if (g.base) return true;
  for (uint64_t size : {1ull << 40, 1ull << 36, 1ull << 32}) {
    void* p = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) {
      g.base = static_cast<uint8_t*>(p);
      g.reserved = size;
      return true;
    }
  }
  return false;
}

// Grows the file (and the mapping) to at least `need` bytes. Lock held.
bool GrowLocked(uint64_t need) {
  if (need <= g.file_size) return true;
  uint64_t step = g.file_size / 2;
  if (step < 4 * kMiB) step = 4 * kMiB;
  if (step > 256 * kMiB) step = 256 * kMiB;
  uint64_t size = g.file_size + step;
  if (size < need) size = need;
  size = (size + trace::kChunkSize - 1) / trace::kChunkSize * trace::kChunkSize;
  if (size > g.reserved) size = g.reserved;
  if (size < need) return false;
  if (ftruncate(g.fd, static_cast<off_t>(size)) != 0) return false;
  if (size > g.mapped) {
    void* p = mmap(g.base + g.mapped, size - g.mapped, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
                   g.fd, static_cast<off_t>(g.mapped));
    if (p == MAP_FAILED) return false;
    // No readahead: a fault must not zero-fill and map (large) folios of chunks that other
    // tasks will write later, which inflates the resident set and the kernel time.
    madvise(p, size - g.mapped, MADV_RANDOM);
    g.mapped = size;
  }
  g.file_size = size;
  return true;
}

void CopyCut(char* dst, size_t cap, const char* src) {
  size_t n = strlen(src);
  if (n >= cap) n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

// pwritev until everything is written (a short write on a regular file is rare but legal).
bool WriteAll(int fd, iovec* iov, uint64_t off) {
  size_t left = iov[0].iov_len + iov[1].iov_len;
  int first = 0;
  while (left) {
    ssize_t n = pwritev(fd, iov + first, 2 - first, static_cast<off_t>(off));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    left -= static_cast<size_t>(n);
    off += static_cast<uint64_t>(n);
    while (n > 0) {
      size_t take = static_cast<size_t>(n);
      if (take > iov[first].iov_len) take = iov[first].iov_len;
      iov[first].iov_base = static_cast<uint8_t*>(iov[first].iov_base) + take;
      iov[first].iov_len -= take;
      n -= static_cast<ssize_t>(take);
      if (iov[first].iov_len == 0 && first < 1) ++first;
    }
  }
  return true;
}

uint64_t ClockNs(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

bool Open(const char* path, uint64_t fork_parent_pid) {
  SpinLockGuard guard(g.lock);
  if (!Reserve()) return false;
  if (g.fd >= 0) close(g.fd);
  if (g.mapped) {
    // A fork child inherits the parent's file mapping: replace it before anything is written.
    mmap(g.base, g.mapped, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
  }
  g.mapped = g.file_size = 0;
  g.stopped = false;
  CopyCut(g.path, sizeof g.path, path);
  g.fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (g.fd < 0) return false;
  if (!GrowLocked(kInitialSize)) return false;
  FileHeader* h = Hdr();
  memcpy(h->magic, trace::kMagic, sizeof h->magic);
  h->version = trace::kFormatVersion;
  h->header_size = trace::kFileHeaderSize;
  h->chunk_size = trace::kChunkSize;
  h->flags = fork_parent_pid ? trace::kFlagForkChild : 0;
  h->chunks_allocated = 0;
  h->pid = static_cast<uint64_t>(getpid());
  h->parent_pid = fork_parent_pid;
  h->start_realtime_ns = ClockNs(CLOCK_REALTIME);
  g.start_mono = ClockNs(CLOCK_MONOTONIC);
  h->start_mono_ns = g.start_mono;
  h->exit_status = 0;
  CopyCut(h->clock_source, sizeof h->clock_source, "monotonic");
  ssize_t n = readlink("/proc/self/exe", h->program, sizeof h->program - 1);
  h->program[n > 0 ? n : 0] = '\0';
  return true;
}

FileHeader* Header() { return g.base && g.fd >= 0 ? Hdr() : nullptr; }
const char* Path() { return g.path; }
uint64_t StartMono() { return g.start_mono; }

// The offset of the next chunk of the file, with the file grown to hold it; 0 when recording
// has stopped or the file cannot grow (recording stops, with a warning). `fill` initializes
// the chunk's mapping if the caller wants (before a reader may see it: chunks_allocated is
// raised after). Called with g.lock held.
template <class Fill>
uint64_t AddChunkLocked(Fill&& fill) {
  if (g.stopped || g.fd < 0) return 0;
  FileHeader* h = Hdr();
  uint64_t n = h->chunks_allocated;
  if (!GrowLocked(trace::ChunkOffset(n + 1))) {
    g.stopped = true;
    WriteStderr("ccsp: warning: the trace file cannot grow any more; recording stops here\n");
    return 0;
  }
  uint64_t off = trace::ChunkOffset(n);
  fill(off);
  __atomic_store_n(&h->chunks_allocated, n + 1, __ATOMIC_RELEASE);
  return off;
}

ChunkHeader* AllocChunk(uint32_t stream, uint32_t index, ChunkHeader* prev) {
  int saved_errno = errno;
  ChunkHeader* c = nullptr;
  {
    SpinLockGuard guard(g.lock);
    uint64_t off = AddChunkLocked([&](uint64_t at) {
      c = reinterpret_cast<ChunkHeader*>(g.base + at);
      c->magic = trace::kChunkMagic;
      c->stream = stream;
      c->index = index;
      c->used = 0;
      c->next = 0;
      c->reserved = 0;
    });
    // Linked only after it was initialized and counted.
    if (off && prev) __atomic_store_n(&prev->next, off, __ATOMIC_RELEASE);
  }
  errno = saved_errno;
  return c;
}

uint64_t CopyOutChunk(const ChunkHeader* staging, uint64_t prev_copy) {
  int saved_errno = errno;
  uint64_t off;
  int fd;
  {
    SpinLockGuard guard(g.lock);
    off = AddChunkLocked([](uint64_t) {});  // written with pwritev below, not through the mapping
    fd = g.fd;
  }
  if (off) {
    // The copy links to the staging chunk, which takes the next index right after this.
    ChunkHeader h{};
    h.magic = trace::kChunkMagic;
    h.stream = staging->stream;
    h.index = staging->index;
    h.used = staging->used;
    h.next = reinterpret_cast<const uint8_t*>(staging) - g.base;
    iovec iov[2] = {{&h, sizeof h}, {const_cast<ChunkHeader*>(staging + 1), h.used}};
    bool ok = WriteAll(fd, iov, off);
    off_t link = static_cast<off_t>(prev_copy + offsetof(ChunkHeader, next));
    if (ok && prev_copy) ok = pwrite(fd, &off, sizeof off, link) == sizeof off;
    if (!ok) {
      Stop();
      WriteStderr("ccsp: warning: writing the trace file failed; recording stops here\n");
      off = 0;
    }
  }
  errno = saved_errno;
  return off;
}

void ReleaseChunk(ChunkHeader* chunk) {
  int saved_errno = errno;
  madvise(chunk, trace::kChunkSize, MADV_DONTNEED);
  errno = saved_errno;
}

void MarkComplete(int exit_status) {
  int saved_errno = errno;
  SpinLockGuard guard(g.lock);
  if (g.fd >= 0) {
    FileHeader* h = Hdr();
    h->exit_status = exit_status;
    __atomic_fetch_or(&h->flags, trace::kFlagComplete, __ATOMIC_RELEASE);
    uint64_t size = trace::ChunkOffset(__atomic_load_n(&h->chunks_allocated, __ATOMIC_ACQUIRE));
    if (ftruncate(g.fd, static_cast<off_t>(size)) == 0) g.file_size = size;
  }
  errno = saved_errno;
}

void ClearComplete() {
  SpinLockGuard guard(g.lock);
  if (g.fd >= 0) __atomic_fetch_and(&Hdr()->flags, ~uint32_t{trace::kFlagComplete}, __ATOMIC_RELEASE);
}

void Stop() {
  SpinLockGuard guard(g.lock);
  g.stopped = true;
}

bool Stopped() { return __atomic_load_n(&g.stopped, __ATOMIC_RELAXED); }

void LockForFork() { g.lock.Lock(); }
void UnlockForFork() { g.lock.Unlock(); }
void ResetLockInChild() { g.lock.ResetAfterFork(); }

}  // namespace ccsp::rt::tracefile
