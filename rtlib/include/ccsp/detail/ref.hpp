// Intrusive reference counting for the API's shared state (channels, contexts). Counts change
// inside an ignore region: std::shared_ptr's acq_rel counter updates would otherwise look like
// synchronization to the analyzer and hide real races between tasks sharing a handle.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

#include "ccsp/detail/hooks.hpp"

namespace ccsp::detail {

struct RefCounted {
  std::atomic<uint32_t> refs{1};
};

// Owning pointer to S (derived from RefCounted). Deleting the last reference runs ~S inside
// an ignore region.
template <class S>
class Ref {
 public:
  Ref() noexcept = default;
  // Adopts a fresh object (refs == 1).
  explicit Ref(S* adopt) noexcept : p_(adopt) {}
  Ref(const Ref& o) noexcept : p_(o.p_) { Acquire(); }
  // A new reference to an object someone else keeps alive.
  static Ref Share(S* p) noexcept {
    Ref r;
    r.p_ = p;
    r.Acquire();
    return r;
  }
  Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  Ref& operator=(const Ref& o) noexcept {
    if (p_ != o.p_) {
      Ref copy(o);
      std::swap(p_, copy.p_);
    }
    return *this;
  }
  Ref& operator=(Ref&& o) noexcept {
    Ref moved(std::move(o));
    std::swap(p_, moved.p_);
    return *this;
  }
  ~Ref() { Release(); }

  S* get() const noexcept { return p_; }
  S* operator->() const noexcept { return p_; }
  S& operator*() const noexcept { return *p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  // Approximate: exact only when no other thread copies or drops a reference concurrently.
  uint32_t use_count() const noexcept {
    return p_ ? p_->refs.load(std::memory_order_relaxed) : 0;
  }

 private:
  void Acquire() noexcept {
    if (!p_) return;
    IgnoreScope ignore;
    p_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void Release() noexcept {
    if (!p_) return;
    IgnoreScope ignore;
    if (p_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete p_;
    p_ = nullptr;
  }

  S* p_ = nullptr;
};

}  // namespace ccsp::detail
