// ProtoWriter: a minimal protocol-buffer wire-format encoder (varints, length-delimited
// fields, packed repeated scalars, nested messages) appending to one byte string.
// Header-only and dependency-free; encode only. Field numbers are the caller's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace ccsp::profiles {

enum class WireType : uint8_t {
  kVarint = 0,
  kFixed64 = 1,
  kLengthDelimited = 2,
  kFixed32 = 5,
};

// Bytes a base-128 varint of `value` takes: 1 for 0..127, up to 10 for 64 bits.
constexpr size_t VarintSize(uint64_t value) {
  size_t size = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++size;
  }
  return size;
}

class ProtoWriter {
 public:
  // A nested message in progress, from BeginMessage to its EndMessage.
  struct MessageMark {
    size_t body_start;
  };

  void Varint(uint64_t value) {
    while (value >= 0x80) {
      data_.push_back(static_cast<char>((value & 0x7f) | 0x80));
      value >>= 7;
    }
    data_.push_back(static_cast<char>(value));
  }

  void Tag(uint32_t field, WireType type) {
    Varint((uint64_t{field} << 3) | static_cast<uint64_t>(type));
  }

  // Scalars. proto `int64` is a plain varint of the two's complement (negative values
  // take 10 bytes), not zigzag (that is `sint64`). The *Opt forms skip the proto3
  // default (0 / false), as a proto3 encoder would.
  void Uint64(uint32_t field, uint64_t value) {
    Tag(field, WireType::kVarint);
    Varint(value);
  }
  void Int64(uint32_t field, int64_t value) { Uint64(field, static_cast<uint64_t>(value)); }
  void Bool(uint32_t field, bool value) { Uint64(field, value ? 1 : 0); }
  void Uint64Opt(uint32_t field, uint64_t value) {
    if (value != 0) Uint64(field, value);
  }
  void Int64Opt(uint32_t field, int64_t value) {
    if (value != 0) Int64(field, value);
  }
  void BoolOpt(uint32_t field, bool value) {
    if (value) Bool(field, true);
  }

  // Length-delimited bytes; always written, so a repeated string keeps its "" entries.
  void String(uint32_t field, std::string_view value) {
    Tag(field, WireType::kLengthDelimited);
    Varint(value.size());
    data_.append(value);
  }

  // Packed repeated scalars: one tag, the byte length, then the varints. Nothing is
  // written for an empty list (an absent repeated field is the empty list).
  void PackedUint64(uint32_t field, std::span<const uint64_t> values) {
    if (values.empty()) return;
    size_t bytes = 0;
    for (uint64_t v : values) bytes += VarintSize(v);
    Tag(field, WireType::kLengthDelimited);
    Varint(bytes);
    for (uint64_t v : values) Varint(v);
  }
  void PackedInt64(uint32_t field, std::span<const int64_t> values) {
    if (values.empty()) return;
    size_t bytes = 0;
    for (int64_t v : values) bytes += VarintSize(static_cast<uint64_t>(v));
    Tag(field, WireType::kLengthDelimited);
    Varint(bytes);
    for (int64_t v : values) Varint(static_cast<uint64_t>(v));
  }

  // Nested message: the length prefix is unknown until the body is written. Begin
  // reserves one length byte, which fits any body under 128 bytes (most samples,
  // locations and functions); End patches it in place, or shifts the body right to make
  // room for a longer varint. Marks nest (Location -> Line).
  MessageMark BeginMessage(uint32_t field) {
    Tag(field, WireType::kLengthDelimited);
    data_.push_back('\0');
    return MessageMark{data_.size()};
  }
  void EndMessage(MessageMark mark) {
    const uint64_t length = data_.size() - mark.body_start;
    const size_t length_size = VarintSize(length);
    if (length_size > 1) data_.insert(mark.body_start, length_size - 1, '\0');
    char* out = data_.data() + (mark.body_start - 1);
    uint64_t value = length;
    while (value >= 0x80) {
      *out++ = static_cast<char>((value & 0x7f) | 0x80);
      value >>= 7;
    }
    *out = static_cast<char>(value);
  }

  const std::string& data() const { return data_; }
  std::string Take() { return std::move(data_); }
  void Clear() { data_.clear(); }

 private:
  std::string data_;
};

}  // namespace ccsp::profiles
