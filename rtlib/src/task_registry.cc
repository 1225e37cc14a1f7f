// Live-task list and pthread_t map. Records come from the libc heap directly (__libc_malloc)
// so that registry bookkeeping is never itself recorded as an allocation.
#include "task_registry.h"

#include <new>

#include "common.h"

extern "C" void* __libc_malloc(size_t);
extern "C" void* __libc_calloc(size_t, size_t);
extern "C" void __libc_free(void*);

namespace ccsp::rt::registry {
namespace {

struct MapSlot {
  uint64_t key;  // pthread_t; 0 = empty
  uint32_t id;
};

struct State {
  SpinLock lock;
  TaskRecord* head = nullptr;
  TaskRecord* tail = nullptr;
  uint32_t live = 0;
  uint32_t next_id = 1;
  MapSlot* map = nullptr;
  uint64_t map_cap = 0, map_used = 0;
};
constinit State g;

uint64_t Slot(uint64_t key, uint64_t cap) { return (key * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1); }

void MapGrowLocked() {
  uint64_t cap = g.map_cap ? g.map_cap * 2 : 256;
  auto* fresh = static_cast<MapSlot*>(__libc_calloc(cap, sizeof(MapSlot)));
  CCSP_CHECK(fresh);
  for (uint64_t i = 0; i < g.map_cap; ++i) {
    if (!g.map[i].key) continue;
    uint64_t j = Slot(g.map[i].key, cap);
    while (fresh[j].key) j = (j + 1) & (cap - 1);
    fresh[j] = g.map[i];
  }
  __libc_free(g.map);
  g.map = fresh;
  g.map_cap = cap;
}

MapSlot* FindLocked(uint64_t key) {
  if (!g.map_cap || !key) return nullptr;
  for (uint64_t j = Slot(key, g.map_cap);; j = (j + 1) & (g.map_cap - 1)) {
    if (g.map[j].key == key) return &g.map[j];
    if (!g.map[j].key) return nullptr;
  }
}

// Linear-probing erase with backward shift, so lookups never need tombstones.
void EraseLocked(MapSlot* s) {
  uint64_t cap = g.map_cap;
  uint64_t i = static_cast<uint64_t>(s - g.map);
  for (uint64_t j = (i + 1) & (cap - 1); g.map[j].key; j = (j + 1) & (cap - 1)) {
    uint64_t home = Slot(g.map[j].key, cap);
    bool movable = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
    if (movable) {
      g.map[i] = g.map[j];
      i = j;
    }
  }
  g.map[i] = MapSlot{0, 0};
  --g.map_used;
}

}  // namespace

TaskRecord* NewTask(uint32_t parent, uint32_t create_site) {
  void* mem = __libc_malloc(sizeof(TaskRecord));
  CCSP_CHECK(mem);
  auto* r = new (mem) TaskRecord();
  r->parent = parent;
  r->create_site = create_site;
  SpinLockGuard guard(g.lock);
  r->id = g.next_id++;
  r->prev = g.tail;
  if (g.tail) g.tail->next = r;
  else g.head = r;
  g.tail = r;
  ++g.live;
  return r;
}

void RemoveTask(TaskRecord* r) {
  {
    SpinLockGuard guard(g.lock);
    if (r->prev) r->prev->next = r->next;
    else g.head = r->next;
    if (r->next) r->next->prev = r->prev;
    else g.tail = r->prev;
    --g.live;
  }
  r->~TaskRecord();
  __libc_free(r);
}

SpinLock& Lock() { return g.lock; }
TaskRecord* HeadLocked() { return g.head; }
uint32_t LiveCountLocked() { return g.live; }

namespace {
void MapLocked(uint64_t pthread, uint32_t id, bool overwrite) {
  if (MapSlot* s = FindLocked(pthread)) {
    if (overwrite) s->id = id;
    return;
  }
  if ((g.map_used + 1) * 2 > g.map_cap) MapGrowLocked();
  uint64_t j = Slot(pthread, g.map_cap);
  while (g.map[j].key) j = (j + 1) & (g.map_cap - 1);
  g.map[j] = MapSlot{pthread, id};
  ++g.map_used;
}
}  // namespace

void MapPthread(uint64_t pthread, uint32_t id) {
  if (!pthread) return;
  SpinLockGuard guard(g.lock);
  MapLocked(pthread, id, true);
}

void MapPthreadIfAbsent(uint64_t pthread, uint32_t id) {
  if (!pthread) return;
  SpinLockGuard guard(g.lock);
  MapLocked(pthread, id, false);
}

uint32_t LookupPthread(uint64_t pthread) {
  SpinLockGuard guard(g.lock);
  MapSlot* s = FindLocked(pthread);
  return s ? s->id : 0;
}

uint32_t TakePthread(uint64_t pthread) {
  SpinLockGuard guard(g.lock);
  MapSlot* s = FindLocked(pthread);
  if (!s) return 0;
  uint32_t id = s->id;
  EraseLocked(s);
  return id;
}

void KickAllTasks() {
  SpinLockGuard guard(g.lock);
  for (TaskRecord* r = g.head; r; r = r->next) {
    if (TaskState* t = r->tls.load(std::memory_order_acquire)) __atomic_store_n(&t->limit, nullptr, __ATOMIC_RELAXED);
  }
}

void LockForFork() { g.lock.Lock(); }
void UnlockForFork() { g.lock.Unlock(); }

void ResetInChild(TaskRecord* self) {
  g.lock.ResetAfterFork();
  // Records of threads that do not exist in the child are leaked on purpose: nothing may
  // touch their (gone) thread-local state.
  g.head = g.tail = self;
  g.live = self ? 1 : 0;
  if (self) self->prev = self->next = nullptr;
  if (g.map) for (uint64_t i = 0; i < g.map_cap; ++i) g.map[i] = MapSlot{0, 0};
  g.map_used = 0;
}

}  // namespace ccsp::rt::registry
