// ccsp::pool<T>: Go's sync.Pool. get() returns a free item or makes one with the factory;
// put() gives an item back. Items are std::unique_ptr<T>, so an item keeps its address for its
// whole life, like the pointers Go programs keep in a Pool. Happens-before: put(x) -> the get()
// that returns x (recorded with the item's address). Unlike Go, items are never dropped.
#pragma once

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "ccsp/detail/futex.hpp"
#include "ccsp/detail/hooks.hpp"

namespace ccsp {

template <class T>
class pool {
 public:
  using item = std::unique_ptr<T>;

  // Items are made by value-initializing T.
  pool() : pool([] { return T{}; }) {}
  // factory() returns a T (or something T can be constructed from), as Go's Pool.New.
  template <class F>
    requires std::is_invocable_v<F&>
  explicit pool(F factory) : factory_(std::move(factory)) {}
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;
  ~pool() {
    detail::IgnoreScope ignore;
    items_.clear();
  }

  item get() {
    {
      detail::IgnoreScope ignore;
      lock_.lock();
      if (!items_.empty()) {
        item x = std::move(items_.back());
        items_.pop_back();
        detail::Record(detail::SyncKind::kPoolGet, this, reinterpret_cast<uintptr_t>(x.get()), 0);
        lock_.unlock();
        return x;
      }
      lock_.unlock();
    }
    item x(new T(factory_()));  // direct-init: T need not be movable
    detail::Record(detail::SyncKind::kPoolGet, this, reinterpret_cast<uintptr_t>(x.get()), 1);
    return x;
  }

  void put(item x) {
    if (!x) return;
    detail::IgnoreScope ignore;
    lock_.lock();
    detail::Record(detail::SyncKind::kPoolPut, this, reinterpret_cast<uintptr_t>(x.get()));
    items_.push_back(std::move(x));
    lock_.unlock();
  }

 private:
  std::function<T()> factory_;
  detail::Lock lock_;
  std::vector<item> items_;
};

}  // namespace ccsp
