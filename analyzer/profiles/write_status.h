// WriteStatus: the outcome of writing a profile or a trace, an ok flag plus one line
// naming what failed (path and reason). The profiles library never throws across its API.
#pragma once

#include <string>
#include <utility>

namespace ccsp::profiles {

struct WriteStatus {
  static WriteStatus Ok() { return WriteStatus{}; }
  static WriteStatus Fail(std::string message) {
    return WriteStatus{message.empty() ? std::string("write failed") : std::move(message)};
  }

  bool ok() const { return message.empty(); }
  explicit operator bool() const { return ok(); }

  std::string message;  // empty when ok; else one line, e.g. "cannot write x.pb.gz: ..."
};

}  // namespace ccsp::profiles
