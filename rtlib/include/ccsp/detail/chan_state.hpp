// The typed state of a ccsp::chan<T>: a bounded ring of sequenced slots (Vyukov's MPMC queue,
// whose slot protocol is exactly Go's rule "receive k frees the slot of send k+C") plus the
// slow-path operations shared by plain send/recv and select, with the happens-before records
// of Go's channel rules. *Locked functions run in slow mode (ChanBase::LockSlow), inside an
// ignore region; Fast* functions run without the lock.
#pragma once

#include <cstddef>
#include <new>
#include <optional>
#include <utility>

#include "ccsp/detail/chan_core.hpp"

namespace ccsp::detail {

template <class T>
struct Sudog : SudogBase {
  T* src = nullptr;                 // send: the value to hand over (moved from)
  std::optional<T>* dst = nullptr;  // recv: where the value goes
};

enum class CloseResult { kOk, kAlreadyClosed };

template <class T>
struct ChanState : ChanBase {
  // Slot i (= k % cap) is free for value k when seq == 2k and holds value k when
  // seq == 2k + 1; the receiver of k frees it for k + cap. (Vyukov uses k and k + 1, which
  // coincide for "holds k" and "free for k + 1" when cap == 1.)
  struct Slot {
    std::atomic<uint64_t> seq;
    alignas(T) unsigned char storage[sizeof(T)];
    T* value() noexcept { return std::launder(reinterpret_cast<T*>(storage)); }
  };

  explicit ChanState(size_t capacity) : ChanBase(capacity), slots(capacity ? new Slot[capacity] : nullptr) {
    for (size_t i = 0; i < capacity; ++i) slots[i].seq.store(2 * i, std::memory_order_relaxed);
  }
  ~ChanState() {
    for (uint64_t k = deq.load(); k < enq.load(); ++k) slots[k % cap].value()->~T();
    delete[] slots;
  }
  ChanState(const ChanState&) = delete;
  ChanState& operator=(const ChanState&) = delete;

  Slot* const slots;

  // Ring push; false when full. Records send k before the value becomes visible and its
  // completion (acquiring receive k - cap, which published the free slot) after.
  bool Push(T& v) {
    uint64_t k = enq.load(std::memory_order_relaxed);
    Slot* s;
    for (;;) {
      s = &slots[k % cap];
      uint64_t seq = s->seq.load(std::memory_order_acquire);
      if (seq == 2 * k) {
        if (enq.compare_exchange_weak(k, k + 1, std::memory_order_relaxed)) break;
      } else if (seq < 2 * k) {
        return false;
      } else {
        k = enq.load(std::memory_order_relaxed);
      }
    }
    Record(SyncKind::kChanSend, this, k);
    ::new (static_cast<void*>(s->storage)) T(std::move(v));
    Record(SyncKind::kChanSendDone, this, k);
    s->seq.store(2 * k + 1, std::memory_order_release);
    return true;
  }

  // Ring pop; false when empty. Records receive k after taking the value, before freeing it.
  bool Pop(std::optional<T>& out) {
    uint64_t k = deq.load(std::memory_order_relaxed);
    Slot* s;
    for (;;) {
      s = &slots[k % cap];
      uint64_t seq = s->seq.load(std::memory_order_acquire);
      if (seq == 2 * k + 1) {
        if (deq.compare_exchange_weak(k, k + 1, std::memory_order_relaxed)) break;
      } else if (seq < 2 * k + 1) {
        return false;
      } else {
        k = deq.load(std::memory_order_relaxed);
      }
    }
    out.emplace(std::move(*s->value()));
    s->value()->~T();
    Record(SyncKind::kChanRecv, this, k);
    s->seq.store(2 * (k + cap), std::memory_order_release);
    return true;
  }

  // Lock-free send for a buffered channel nobody waits on; false: take the slow path.
  bool FastSend(T& v) {
    if (slow.load(std::memory_order_relaxed) != 0) return false;
    inflight_send.fetch_add(1, std::memory_order_seq_cst);
    bool done = slow.load(std::memory_order_seq_cst) == 0 &&
                !closed.load(std::memory_order_relaxed) && Push(v);
    inflight_send.fetch_sub(1, std::memory_order_release);
    return done;
  }

  // Lock-free receive; false: take the slow path (also when empty and closed).
  bool FastRecv(std::optional<T>& out) {
    if (slow.load(std::memory_order_relaxed) != 0) return false;
    inflight_recv.fetch_add(1, std::memory_order_seq_cst);
    bool done = slow.load(std::memory_order_seq_cst) == 0 && Pop(out);
    inflight_recv.fetch_sub(1, std::memory_order_release);
    return done;
  }

  // Slow mode: a direct handoff consumes position k without storing the value.
  uint64_t SkipPosition() {
    uint64_t k = enq.load(std::memory_order_relaxed);
    enq.store(k + 1, std::memory_order_relaxed);
    deq.store(k + 1, std::memory_order_relaxed);
    if (cap) slots[k % cap].seq.store(2 * (k + cap), std::memory_order_release);
    return k;
  }

  // Send without blocking; the caller has checked !closed. Returns false if it would block.
  // Rules recorded: send k -> recv k; recv k -> send-done k+cap.
  bool TrySendLocked(T& v, Waiter** wake) {
    if (SudogBase* s = recvq.Dequeue()) {  // a receiver waits (so the buffer is empty)
      auto* r = static_cast<Sudog<T>*>(s);
      uint64_t k = SkipPosition();
      r->dst->emplace(std::move(v));
      r->k = k;
      r->success = true;
      Record(SyncKind::kChanSend, this, k);
      if (cap) Record(SyncKind::kChanSendDone, this, k);
      *wake = HandOff(s);  // the receiver records recv k
      if (!cap) Record(SyncKind::kChanSendDone, this, k);
      return true;
    }
    return cap && Push(v);
  }

  // Receive without blocking. Returns false if it would block; true with `out` empty when the
  // channel is closed and drained.
  bool TryRecvLocked(std::optional<T>& out, Waiter** wake) {
    if (SudogBase* s = sendq.Dequeue()) {
      auto* snd = static_cast<Sudog<T>*>(s);
      Waiter* w = s->waiter;
      if (cap == 0) {  // direct handoff: send k -> recv k -> send-done k
        uint64_t k = SkipPosition();
        out.emplace(std::move(*snd->src));
        snd->k = k;
        snd->success = true;
        *wake = HandOff(s);  // recording: the sender has recorded send k and waits for kGo
        if (Recording()) {
          Record(SyncKind::kChanRecv, this, k);
          Post(&w->state, Waiter::kGo);
        }
      } else {  // buffer full: take the head; the sender's value becomes k + cap
        Pop(out);  // cannot fail: the buffer is full and we own it
        uint64_t k2 = enq.load(std::memory_order_relaxed);
        Slot* slot = &slots[k2 % cap];
        enq.store(k2 + 1, std::memory_order_relaxed);
        ::new (static_cast<void*>(slot->storage)) T(std::move(*snd->src));
        slot->seq.store(2 * k2 + 1, std::memory_order_release);
        snd->k = k2;
        snd->success = true;
        *wake = HandOff(s);  // the sender records send k2 and its completion
      }
      return true;
    }
    if (cap && Pop(out)) return true;
    if (closed.load(std::memory_order_relaxed)) {
      Record(SyncKind::kChanRecvClosed, this);
      return true;
    }
    return false;
  }

  // Sleeper side, after Park() returned this sudog (see Waiter's handoff protocol).
  void FinishRecvWait(Sudog<T>& s) {
    if (!Recording()) return;
    if (s.success) {
      Record(SyncKind::kChanRecv, this, s.k);
      AckHandOff(s.waiter);
    } else {
      Record(SyncKind::kChanRecvClosed, this);
    }
  }

  // Returns false when woken by close (the caller panics: send on closed channel).
  bool FinishSendWait(Sudog<T>& s) {
    if (!s.success) return false;
    if (!Recording()) return true;
    Record(SyncKind::kChanSend, this, s.k);
    if (cap) {
      Record(SyncKind::kChanSendDone, this, s.k);
      AckHandOff(s.waiter);
    } else {
      AckHandOff(s.waiter);
      WaitWhile(&s.waiter->state, Waiter::kWoken);  // until the receiver recorded recv k
      Record(SyncKind::kChanSendDone, this, s.k);
    }
    return true;
  }

  // Close: every waiting receiver returns empty-handed, every waiting sender panics.
  CloseResult Close() {
    LockSlow();
    if (closed.load(std::memory_order_relaxed)) {
      UnlockSlow();
      return CloseResult::kAlreadyClosed;
    }
    Record(SyncKind::kChanClose, this);
    closed.store(true, std::memory_order_relaxed);  // published by UnlockSlow's release
    SudogBase* wake_list = nullptr;
    for (WaitQueue* q : {&recvq, &sendq}) {
      while (SudogBase* s = q->Dequeue()) {
        s->success = false;
        s->waiter->fired = s;
        s->next = wake_list;
        wake_list = s;
      }
    }
    UnlockSlow();
    while (wake_list) {  // read before Post: the sudog dies once its owner runs
      SudogBase* next = wake_list->next;
      Waiter* w = wake_list->waiter;
      Post(&w->state, Waiter::kWoken);
      wake_list = next;
    }
    return CloseResult::kOk;
  }
};

}  // namespace ccsp::detail
