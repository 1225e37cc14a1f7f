// "0x1f40": an address or object id as reports, JSON and the dump spell it (no padding).
#pragma once

#include <cinttypes>
#include <cstdio>
#include <string>

namespace ccsp::analyzer {

inline std::string HexString(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%" PRIx64, v);
  return b;
}

}  // namespace ccsp::analyzer
