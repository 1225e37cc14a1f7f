// Value-or-error result for everything in the analyzer that reads untrusted input.
// A bad trace is expected input: errors carry one human-readable line (file and offset
// included by the producer) and never cross the library boundary as exceptions.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace ccsp::analyzer {

struct Error {
  std::string message;  // one line, no trailing newline, e.g. "t.bin: not a ccsp trace"
};

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

}  // namespace ccsp::analyzer
