// Atomic recording: a striped spinlock per location brackets the real atomic instruction so
// that the seq taken inside the lock orders each location's operations as its modification
// order. Also used by interceptors that perform an atomic store on the program's behalf.
#pragma once

#include <stdint.h>

namespace ccsp::rt {

void ResetAtomicStripesInChild();

// Brackets an atomic release store done by an uninstrumented library on the program's behalf
// (the guard byte in __cxa_guard_release).
void AtomicStoreBegin(const void* addr);
void AtomicStoreEnd(const void* addr, uint32_t size, uint32_t site);

}  // namespace ccsp::rt
