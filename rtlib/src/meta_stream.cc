// Metadata stream writer. Records are built in a local buffer and copied into the stream's
// current chunk under the lock, then published with a release store of ChunkHeader::used.
// Module strings are interned by content (file names repeat across thousands of sites).
#include "meta_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "trace/codec.h"
#include "common.h"
#include "spin_lock.h"
#include "trace_file.h"

extern "C" void* __libc_malloc(size_t);
extern "C" void* __libc_calloc(size_t, size_t);
extern "C" void* __libc_realloc(void*, size_t);
extern "C" void __libc_free(void*);

namespace ccsp::rt::meta {
namespace {

using namespace ccsp::trace;

struct Module {
  const ccsp_site_entry* sites;
  uint32_t n_sites;
  const ccsp_global_entry* globals;
  uint32_t n_globals;
  const char* name;
  uint32_t base;
};

struct InternSlot {
  uint64_t hash;
  const char* ptr;
  uint64_t len;
  uint64_t id;  // 0 = empty
};

struct State {
  SpinLock lock;
  ChunkHeader* chunk = nullptr;
  uint8_t* pos = nullptr;
  uint8_t* end = nullptr;
  uint32_t chunk_index = 0;
  uint64_t next_string = 1;
  Module* modules = nullptr;
  uint32_t n_modules = 0, cap_modules = 0;
  uint32_t next_site = 1;  // site 0 is "unknown"
  InternSlot* intern = nullptr;
  uint64_t intern_cap = 0, intern_used = 0;
};
constinit State g;

bool EnsureRoomLocked(size_t n) {
  if (g.chunk && g.pos + n <= g.end) return true;
  ChunkHeader* c = tracefile::AllocChunk(kMetaStream, g.chunk ? g.chunk_index + 1 : 0, g.chunk);
  if (!c) return false;
  if (g.chunk) tracefile::ReleaseChunk(g.chunk);
  g.chunk = c;
  g.chunk_index = c->index;
  g.pos = reinterpret_cast<uint8_t*>(c + 1);
  g.end = g.pos + kChunkPayload;
  return true;
}

void AppendLocked(const uint8_t* rec, size_t n) {
  if (!EnsureRoomLocked(n)) return;
  memcpy(g.pos, rec, n);
  g.pos += n;
  uint8_t* payload = reinterpret_cast<uint8_t*>(g.chunk + 1);
  __atomic_store_n(&g.chunk->used, static_cast<uint32_t>(g.pos - payload), __ATOMIC_RELEASE);
}

uint64_t StringLocked(const char* s, size_t len) {
  uint8_t rec[kMaxRecordSize];
  uint64_t id = g.next_string++;
  uint8_t* e = EncodeMetaString(rec, id, s, len);
  AppendLocked(rec, static_cast<size_t>(e - rec));
  return id;
}

void RecordLocked(uint8_t op, const uint64_t* fields) {
  uint8_t rec[1 + kMetaMaxFields * kMaxVarint];
  uint8_t* e = EncodeMeta(rec, op, fields);
  AppendLocked(rec, static_cast<size_t>(e - rec));
}

uint64_t HashBytes(const char* s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<uint8_t>(s[i])) * 1099511628211ull;
  return h | 1;
}

uint64_t InternLocked(const char* s) {
  if (!s) s = "";
  size_t len = strlen(s);
  if (g.intern_used * 2 >= g.intern_cap) {
    uint64_t cap = g.intern_cap ? g.intern_cap * 2 : 1024;
    auto* fresh = static_cast<InternSlot*>(__libc_calloc(cap, sizeof(InternSlot)));
    if (!fresh) return StringLocked(s, len);
    for (uint64_t i = 0; i < g.intern_cap; ++i) {
      InternSlot& o = g.intern[i];
      if (!o.id) continue;
      uint64_t j = o.hash & (cap - 1);
      while (fresh[j].id) j = (j + 1) & (cap - 1);
      fresh[j] = o;
    }
    __libc_free(g.intern);
    g.intern = fresh;
    g.intern_cap = cap;
  }
  uint64_t h = HashBytes(s, len);
  uint64_t j = h & (g.intern_cap - 1);
  for (;; j = (j + 1) & (g.intern_cap - 1)) {
    InternSlot& slot = g.intern[j];
    if (!slot.id) break;
    if (slot.hash == h && slot.len == len && memcmp(slot.ptr, s, len) == 0) return slot.id;
  }
  uint64_t id = StringLocked(s, len);
  g.intern[j] = InternSlot{h, s, len, id};
  ++g.intern_used;
  return id;
}

void WriteModuleLocked(uint32_t module_id, const Module& m) {
  uint64_t mod[4] = {module_id, InternLocked(m.name), m.base, m.n_sites};
  RecordLocked(kMetaModule, mod);
  for (uint32_t i = 0; i < m.n_sites; ++i) {
    const ccsp_site_entry& s = m.sites[i];
    uint64_t inl = s.inlined_at ? uint64_t{m.base} + s.inlined_at - 1 : 0;
    uint64_t f[6] = {uint64_t{m.base} + i, InternLocked(s.function), InternLocked(s.file), s.line, s.column, inl};
    RecordLocked(kMetaSite, f);
  }
  for (uint32_t i = 0; i < m.n_globals; ++i) {
    const ccsp_global_entry& gl = m.globals[i];
    uint64_t f[5] = {reinterpret_cast<uint64_t>(gl.addr), gl.size, InternLocked(gl.name), InternLocked(gl.file),
                     gl.line};
    RecordLocked(kMetaGlobal, f);
  }
}

}  // namespace

void Start() {
  SpinLockGuard guard(g.lock);
  g.chunk = nullptr;
  g.pos = g.end = nullptr;
  EnsureRoomLocked(1);
}

uint64_t String(const char* s, size_t len) {
  SpinLockGuard guard(g.lock);
  return StringLocked(s, len);
}

uint64_t String(const char* s) { return String(s, s ? strlen(s) : 0); }

void Record(uint8_t op, const uint64_t* fields) {
  SpinLockGuard guard(g.lock);
  RecordLocked(op, fields);
}

void TaskName(uint32_t task, const char* name) {
  SpinLockGuard guard(g.lock);
  uint64_t f[2] = {task, StringLocked(name, strlen(name))};
  RecordLocked(kMetaTaskName, f);
}

void Panic(uint32_t task, const char* message) {
  SpinLockGuard guard(g.lock);
  uint64_t f[2] = {task, StringLocked(message, strlen(message))};
  RecordLocked(kMetaPanic, f);
}

void Option(const char* key, const char* value) {
  SpinLockGuard guard(g.lock);
  uint64_t f[2] = {StringLocked(key, strlen(key)), StringLocked(value, strlen(value))};
  RecordLocked(kMetaOption, f);
}

uint32_t Args() {
  int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[8192];
  size_t len = 0;
  for (;;) {
    ssize_t r = read(fd, buf + len, sizeof buf - len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    len += static_cast<size_t>(r);
    if (len == sizeof buf) break;
  }
  close(fd);
  SpinLockGuard guard(g.lock);
  uint32_t argc = 0;
  for (size_t i = 0; i < len;) {
    size_t n = strnlen(buf + i, len - i);
    uint64_t f[2] = {argc++, StringLocked(buf + i, n)};
    RecordLocked(kMetaArg, f);
    i += n + 1;
  }
  return argc;
}

uint32_t RegisterModule(const ccsp_site_entry* sites, uint32_t n_sites, const ccsp_global_entry* globals,
                        uint32_t n_globals, const char* name) {
  SpinLockGuard guard(g.lock);
  if (g.n_modules == g.cap_modules) {
    uint32_t cap = g.cap_modules ? g.cap_modules * 2 : 16;
    auto* fresh = static_cast<Module*>(__libc_realloc(g.modules, cap * sizeof(Module)));
    if (!fresh) return 0;
    g.modules = fresh;
    g.cap_modules = cap;
  }
  Module m{sites, n_sites, globals, n_globals, name ? name : "", g.next_site};
  g.next_site += n_sites;
  g.modules[g.n_modules++] = m;
  WriteModuleLocked(g.n_modules, m);
  return m.base;
}

const ccsp_site_entry* LookupSite(uint32_t site) {
  if (site == 0) return nullptr;
  SpinLockGuard guard(g.lock);
  for (uint32_t i = 0; i < g.n_modules; ++i) {
    const Module& m = g.modules[i];
    if (site >= m.base && site - m.base < m.n_sites) return &m.sites[site - m.base];
  }
  return nullptr;
}

uint32_t InlinedAt(uint32_t site) {
  if (site == 0) return 0;
  SpinLockGuard guard(g.lock);
  for (uint32_t i = 0; i < g.n_modules; ++i) {
    const Module& m = g.modules[i];
    if (site >= m.base && site - m.base < m.n_sites) {
      uint32_t inl = m.sites[site - m.base].inlined_at;
      return inl ? m.base + inl - 1 : 0;
    }
  }
  return 0;
}

void LockForFork() { g.lock.Lock(); }
void UnlockForFork() { g.lock.Unlock(); }

void RestartInChild() {
  g.lock.ResetAfterFork();
  SpinLockGuard guard(g.lock);
  g.chunk = nullptr;
  g.pos = g.end = nullptr;
  g.next_string = 1;
  if (g.intern) memset(g.intern, 0, g.intern_cap * sizeof(InternSlot));
  g.intern_used = 0;
  EnsureRoomLocked(1);
  for (uint32_t i = 0; i < g.n_modules; ++i) WriteModuleLocked(i + 1, g.modules[i]);
}

}  // namespace ccsp::rt::meta
