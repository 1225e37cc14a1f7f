// ProtoWriter tests: byte-exact wire encodings (varints, negative int64, strings, packed
// fields, nested messages on both sides of the one-byte length fast path), checked
// against the protobuf encoding spec's own examples where it has them.
#include "analyzer/profiles/protobuf_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ccsp::profiles {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

TEST(ProtoWriter, VarintBoundaries) {
  struct Case {
    uint64_t value;
    std::string bytes;
  };
  const Case cases[] = {
      {0, Bytes({0x00})},
      {1, Bytes({0x01})},
      {127, Bytes({0x7f})},
      {128, Bytes({0x80, 0x01})},
      {150, Bytes({0x96, 0x01})},  // the encoding guide's example
      {300, Bytes({0xac, 0x02})},
      {UINT64_MAX, Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})},
  };
  for (const Case& c : cases) {
    ProtoWriter w;
    w.Varint(c.value);
    EXPECT_EQ(w.data(), c.bytes) << c.value;
    EXPECT_EQ(VarintSize(c.value), c.bytes.size()) << c.value;
  }
}

TEST(ProtoWriter, ScalarFields) {
  ProtoWriter w;
  w.Uint64(1, 150);  // 08 96 01
  w.Bool(2, true);   // 10 01
  EXPECT_EQ(w.data(), Bytes({0x08, 0x96, 0x01, 0x10, 0x01}));

  // int64 -1: ten bytes, two's complement (not zigzag).
  ProtoWriter n;
  n.Int64(3, -1);
  EXPECT_EQ(n.data(),
            Bytes({0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));

  ProtoWriter opt;
  opt.Int64Opt(1, 0);
  opt.Uint64Opt(2, 0);
  opt.BoolOpt(3, false);
  EXPECT_TRUE(opt.data().empty());

  // A field number past 15 takes a two-byte tag.
  ProtoWriter big;
  big.Uint64(16, 1);
  EXPECT_EQ(big.data(), Bytes({0x80, 0x01, 0x01}));
}

TEST(ProtoWriter, StringsIncludingEmpty) {
  ProtoWriter w;
  w.String(2, "testing");  // 12 07 74 65 73 74 69 6e 67
  w.String(6, "");         // 32 00: kept, a string table needs its ""
  EXPECT_EQ(w.data(), Bytes({0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g', 0x32, 0x00}));
}

TEST(ProtoWriter, PackedRepeated) {
  ProtoWriter w;
  const uint64_t ids[] = {3, 270, 86942};  // the guide's packed example: 22 06 03 8e 02 9e a7 05
  w.PackedUint64(4, ids);
  EXPECT_EQ(w.data(), Bytes({0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05}));

  ProtoWriter neg;
  const int64_t values[] = {-1, 1};
  neg.PackedInt64(2, values);
  ASSERT_EQ(neg.data().size(), 2u + 10u + 1u);
  EXPECT_EQ(static_cast<unsigned char>(neg.data()[1]), 11u);

  ProtoWriter empty;
  empty.PackedUint64(1, std::vector<uint64_t>{});
  EXPECT_TRUE(empty.data().empty());
}

TEST(ProtoWriter, NestedMessageShortBody) {
  ProtoWriter w;
  auto mark = w.BeginMessage(3);  // the guide's embedded example: 1a 03 08 96 01
  w.Uint64(1, 150);
  w.EndMessage(mark);
  EXPECT_EQ(w.data(), Bytes({0x1a, 0x03, 0x08, 0x96, 0x01}));

  ProtoWriter empty;
  empty.EndMessage(empty.BeginMessage(1));
  EXPECT_EQ(empty.data(), Bytes({0x0a, 0x00}));
}

TEST(ProtoWriter, NestedMessageLongBodyShiftsIntoPlace) {
  for (size_t body : {126u, 127u, 128u, 300u, 20000u}) {
    ProtoWriter w;
    w.Uint64(1, 9);
    auto outer = w.BeginMessage(2);
    auto inner = w.BeginMessage(4);
    // Inner body of about `body` bytes: one string field (tag, length, text), so the
    // cases sit on both sides of the 127/128 boundary of the one-byte length.
    const size_t text = body - 1 - VarintSize(body);
    w.String(1, std::string(text, 'a'));
    w.EndMessage(inner);
    w.Uint64(5, 1);
    w.EndMessage(outer);
    w.Uint64(3, 7);

    const std::string& d = w.data();
    // Decode by hand: 08 09 | 12 <len outer> [ 22 <len inner> [0a <len> a...] 28 01 ] | 18 07
    size_t pos = 0;
    auto varint = [&]() {
      uint64_t v = 0;
      for (int shift = 0;; shift += 7) {
        const auto b = static_cast<unsigned char>(d.at(pos++));
        v |= uint64_t{b & 0x7fu} << shift;
        if (!(b & 0x80)) return v;
      }
    };
    EXPECT_EQ(varint(), 0x08u);
    EXPECT_EQ(varint(), 9u);
    EXPECT_EQ(varint(), 0x12u);
    const uint64_t outer_len = varint();
    const size_t outer_end = pos + outer_len;
    EXPECT_EQ(varint(), 0x22u);
    const uint64_t inner_len = varint();
    EXPECT_EQ(inner_len, 1 + VarintSize(text) + text) << body;
    const size_t inner_end = pos + inner_len;
    EXPECT_EQ(varint(), 0x0au);
    EXPECT_EQ(varint(), text);
    EXPECT_EQ(d.substr(pos, text), std::string(text, 'a'));
    pos += text;
    EXPECT_EQ(pos, inner_end);
    EXPECT_EQ(varint(), 0x28u);
    EXPECT_EQ(varint(), 1u);
    EXPECT_EQ(pos, outer_end) << body;
    EXPECT_EQ(varint(), 0x18u);
    EXPECT_EQ(varint(), 7u);
    EXPECT_EQ(pos, d.size());
  }
}

}  // namespace
}  // namespace ccsp::profiles
