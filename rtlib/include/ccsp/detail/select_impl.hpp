// The engine behind ccsp::select, after Go's runtime/select.go: lock every channel involved in
// address order, poll the cases in a random order (uniform among ready ones), else queue a
// sudog on every channel and sleep until one fires, then withdraw the others. No polling loop.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ccsp/detail/chan_core.hpp"
#include "ccsp/panic.hpp"

namespace ccsp::detail {

// Type-erased select case. `channel` is nullptr for a nil channel (never ready) and the default.
struct CaseBase {
  static constexpr bool is_default_type = false;
  ChanBase* channel = nullptr;
  bool is_send = false;
  bool is_default = false;

  virtual bool TryFast() = 0;                           // lock-free attempt (buffered only)
  virtual bool TryLocked(Waiter** wake) = 0;           // locked: perform now if ready
  virtual void Enqueue(Waiter* w, uint32_t index) = 0;  // locked: queue this case's sudog
  virtual void Withdraw() = 0;                          // locked: unqueue it if still queued
  virtual bool FinishWait() = 0;  // after waking on this case; false: send woken by close
  virtual void Run() = 0;         // the user's callback, outside locks and ignore regions

 protected:
  CaseBase() = default;
  CaseBase(const CaseBase&) = delete;
  CaseBase& operator=(const CaseBase&) = delete;
  ~CaseBase() = default;
};

inline void LockAll(ChanBase* const* locks, size_t n) noexcept {
  for (size_t i = 0; i < n; ++i) locks[i]->LockSlow();
}
inline void UnlockAll(ChanBase* const* locks, size_t n) noexcept {
  for (size_t i = n; i-- > 0;) locks[i]->UnlockSlow();
}

[[noreturn]] inline void SelectForever() {
  RecordBlockBegin(nullptr, BlockOp::kSelect, false);
  ParkForever();
}

// cases[0..n); poll and locks are scratch arrays of n entries.
inline size_t SelectImpl(CaseBase* const* cases, size_t n, uint32_t* poll, ChanBase** locks) {
  constexpr size_t kNone = ~size_t{0};
  size_t default_index = kNone;
  size_t npoll = 0;
  bool all_buffered = true;
  for (size_t i = 0; i < n; ++i) {
    CaseBase* c = cases[i];
    if (c->is_default) {
      default_index = i;
    } else if (c->channel) {
      all_buffered &= c->channel->cap != 0;  // inside-out Fisher-Yates: a uniform random poll order
      uint32_t j = FastRandN(static_cast<uint32_t>(npoll + 1));
      poll[npoll] = poll[j];
      poll[j] = static_cast<uint32_t>(i);
      locks[npoll] = c->channel;
      ++npoll;
    }
  }
  if (npoll == 0) {
    if (default_index == kNone) SelectForever();
    cases[default_index]->Run();
    return default_index;
  }
  // Lock order: by address, each channel once (insertion sort; n is small).
  size_t nlocks = 0;
  for (size_t i = 0; i < npoll; ++i) {
    ChanBase* c = locks[i];
    size_t j = nlocks;
    while (j > 0 && locks[j - 1] > c) --j;
    if (j > 0 && locks[j - 1] == c) continue;
    for (size_t m = nlocks; m > j; --m) locks[m] = locks[m - 1];
    locks[j] = c;
    ++nlocks;
  }

  IgnoreScope ignore;
  // Only buffered channels: try their lock-free paths in the random poll order first (the
  // first ready case in a uniformly random order is uniform among the ready ones). With an
  // unbuffered case this would favour the buffered ones, whose readiness needs no lock.
  if (all_buffered) {
    for (size_t p = 0; p < npoll; ++p) {
      CaseBase* c = cases[poll[p]];
      if (c->is_send && c->channel->closed.load(std::memory_order_relaxed)) break;  // panics below
      if (c->TryFast()) {
        ignore.Close();
        c->Run();
        return poll[p];
      }
    }
  }
  LockAll(locks, nlocks);
  for (size_t p = 0; p < npoll; ++p) {
    CaseBase* c = cases[poll[p]];
    if (c->is_send && c->channel->closed.load(std::memory_order_relaxed)) {
      UnlockAll(locks, nlocks);
      ignore.Close();
      Panic(MisuseKind::kSendOnClosed, "send on closed channel");
    }
    Waiter* wake = nullptr;
    if (c->TryLocked(&wake)) {
      UnlockAll(locks, nlocks);
      if (wake) Post(&wake->state, Waiter::kWoken);
      ignore.Close();
      c->Run();
      return poll[p];
    }
  }
  if (default_index != kNone) {
    UnlockAll(locks, nlocks);
    ignore.Close();
    cases[default_index]->Run();
    return default_index;
  }

  Waiter& w = tls_waiter;
  w.Reset();
  bool timed = false;
  for (size_t i = 0; i < n; ++i) {
    CaseBase* c = cases[i];
    if (c->is_default || !c->channel) continue;
    c->Enqueue(&w, static_cast<uint32_t>(i));
    Record(SyncKind::kSelectCase, c->channel, c->is_send ? 1 : 0);
    timed |= c->channel->timed;
  }
  RecordBlockBegin(nullptr, BlockOp::kSelect, timed);
  UnlockAll(locks, nlocks);

  SudogBase* fired = w.Park();
  size_t index = fired->case_index;
  CaseBase* chosen = cases[index];
  RecordBlockEnd(nullptr, BlockOp::kSelect, fired->success ? BlockOutcome::kOk : BlockOutcome::kClosed);
  bool ok = chosen->FinishWait();  // before relocking: a recording waker still holds its lock

  LockAll(locks, nlocks);
  for (size_t i = 0; i < n; ++i) {
    CaseBase* c = cases[i];
    if (i != index && c->channel && !c->is_default) c->Withdraw();
  }
  UnlockAll(locks, nlocks);
  ignore.Close();
  if (!ok) Panic(MisuseKind::kSendOnClosed, "send on closed channel");
  chosen->Run();
  return index;
}

}  // namespace ccsp::detail
