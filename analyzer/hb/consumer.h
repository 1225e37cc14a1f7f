// The one interface between the happens-before engine and everything built on it: race
// detection, lock order, deadlocks and leaks, misuse, the dump, profiles, the timeline. A
// consumer says which events it wants and is handed each of them, in replay order (a linear
// extension of happens-before), with the task that did it and the task's clock.
//
// When a consumer is called, relative to the engine's own update of its state:
//   plain records (accesses, runs, ranges, calls)  in batches, each with its stack (AccessBatch)
//   atomics                        at the access: after the load side's acquire, before the
//                                  store side's release and tick (the clock the access has)
//   syncs                          after the engine applied the event (clock, objects, held
//                                  locks, block state), before the task's clock ticks; the
//                                  SyncContext carries what the event ended (a freed block)
//   CPU samples                    in stream order, after the plain records before them, with
//                                  the sampled stack (the task's, plus the sample's own frames)
#pragma once

#include <cstdint>

#include "analyzer/hb/task.h"
#include "trace/codec.h"

namespace ccsp::analyzer {

class Engine;
struct EngineOptions;
struct HeapBlock;
struct SyncObject;

// A task's plain records between two seq-carrying ones (or part of them), in stream order:
// accesses, runs, ranges and calls (FuncEnter/FuncExit). stacks[i] is the task's shadow stack
// at records[i] (for a call: after it). The task's clock is the same for all of them. This is
// the hot path: one call per batch, so a consumer's per-access work stays inline.
struct AccessBatch {
  const trace::Record* records;
  const StackId* stacks;
  unsigned n;
};

// What the engine resolved for a sync event.
struct SyncContext {
  const SyncObject* object = nullptr;  // the object's state after the event (when it has one)
  const HeapBlock* freed = nullptr;    // kFree: the block that ended (its size, allocation)
  const Task* other = nullptr;         // kTaskCreate/Join/Detach: the child
};

class Consumer {
 public:
  enum Interest : uint32_t {
    kPlain = 1,    // Access, Run, Range and call records (OnAccesses)
    kAtomics = 2,  // Atomic records, fences included (OnAtomic)
    kSyncs = 4,    // Sync records (OnSync)
    kSamples = 8,  // CPU profiling samples (OnSample)
  };
  virtual ~Consumer() = default;
  virtual uint32_t interests() const = 0;

  // Once, before the first event: the engine the consumer may query during the replay.
  virtual void OnStart(const Engine&) {}
  // A batch may be announced (its stacks are final) before it is handed over, with the
  // previous batch handed over in between: a consumer can start its memory traffic early.
  // Not every batch is announced (one handed over at once is not).
  virtual void PrefetchAccesses(const Task&, const AccessBatch&) {}
  virtual void OnAccesses(const Task&, const AccessBatch&) {}
  virtual void OnAtomic(const Task&, const trace::Record&) {}
  virtual void OnSync(const Task&, const trace::Record&, const SyncContext&) {}
  // With kSyncs: which kinds OnSync is called for (asked once per kind, when the consumer is
  // added; kinds past 255 are asked as 255). All of them unless a consumer says otherwise.
  virtual bool WantsSync(trace::SyncKind) const { return true; }
  // A Sample record (trace/format.h: count, arg1 = cpu_ns, ts) and the stack it was taken at.
  virtual void OnSample(const Task&, const trace::Record&, StackId) {}
  // After the last event (the engine's state is the final one).
  virtual void OnFinish(const Engine&) {}

  // A second look: a consumer that needs the trace replayed again under other rules (lock
  // order: without the locks' own edges) sets `opts` and returns the consumer to feed; the
  // driver replays the trace into it after every consumer's OnFinish, then calls
  // OnSecondLookDone. nullptr (the default): no second replay, which costs nothing.
  virtual Consumer* SecondLook(EngineOptions&) { return nullptr; }
  virtual void OnSecondLookDone() {}
};

}  // namespace ccsp::analyzer
