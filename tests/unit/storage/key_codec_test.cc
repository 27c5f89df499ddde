#include "shared/storage/key_codec.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace accord::storage {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

TEST(KeyCodecTest, PinsUint64Bytes) {
  EXPECT_EQ(KeyBuilder().Uint64(5).Build(), Bytes({0, 0, 0, 0, 0, 0, 0, 5}));
  EXPECT_EQ(KeyBuilder().Uint64(0x0102030405060708ull).Build(), Bytes({1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(SequenceKey(1), Bytes({0, 0, 0, 0, 0, 0, 0, 1}));
}

TEST(KeyCodecTest, PinsInt32AndStringBytes) {
  EXPECT_EQ(KeyBuilder().Int32(-1).Build(), Bytes({0x7F, 0xFF, 0xFF, 0xFF}));
  EXPECT_EQ(KeyBuilder().Int32(0).Build(), Bytes({0x80, 0, 0, 0}));
  EXPECT_EQ(KeyBuilder().DescendingInt32(0).Build(), Bytes({0x7F, 0xFF, 0xFF, 0xFF}));
  EXPECT_EQ(KeyBuilder().String("ab").Build(), Bytes({'a', 'b', 0, 1}));
  EXPECT_EQ(KeyBuilder().String(std::string("a\0", 2)).Build(), Bytes({'a', 0, 0xFF, 0, 1}));
}

TEST(KeyCodecTest, RoundTripsEveryComponent) {
  const std::string key = KeyBuilder()
                              .String(std::string("x\0y", 3))
                              .Uint64(42)
                              .DescendingUint64(7)
                              .Int32(-12)
                              .DescendingInt32(2024)
                              .Raw("tail")
                              .Build();
  KeyReader r(key);
  std::string s;
  uint64_t u, d;
  int32_t i, di;
  ASSERT_TRUE(r.String(&s));
  ASSERT_TRUE(r.Uint64(&u));
  ASSERT_TRUE(r.DescendingUint64(&d));
  ASSERT_TRUE(r.Int32(&i));
  ASSERT_TRUE(r.DescendingInt32(&di));
  EXPECT_EQ(s, std::string("x\0y", 3));
  EXPECT_EQ(u, 42u);
  EXPECT_EQ(d, 7u);
  EXPECT_EQ(i, -12);
  EXPECT_EQ(di, 2024);
  EXPECT_EQ(r.Rest(), "tail");
}

TEST(KeyCodecTest, RejectsTruncatedOrMalformedKeys) {
  uint64_t u;
  EXPECT_FALSE(KeyReader("short").Uint64(&u));
  EXPECT_FALSE(ParseSequenceKey(SequenceKey(1) + "x", &u));
  std::string s;
  EXPECT_FALSE(KeyReader(std::string("ab\0", 3)).String(&s));           // no terminator
  EXPECT_FALSE(KeyReader(std::string("ab\0\x02", 4)).String(&s));       // bad escape
  EXPECT_TRUE(ParseSequenceKey(SequenceKey(99), &u));
  EXPECT_EQ(u, 99u);
}

TEST(KeyCodecTest, PreservesOrderOfUnsignedAndSignedIntegers) {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> u = {0, 1, 255, 256, std::numeric_limits<uint64_t>::max()};
  std::vector<int32_t> i = {std::numeric_limits<int32_t>::min(), -1, 0, 1, std::numeric_limits<int32_t>::max()};
  for (int n = 0; n < 200; ++n) {
    u.push_back(rng());
    i.push_back(static_cast<int32_t>(rng()));
  }
  for (uint64_t a : u) {
    for (uint64_t b : u) {
      EXPECT_EQ(a < b, SequenceKey(a) < SequenceKey(b));
      EXPECT_EQ(a < b, KeyBuilder().DescendingUint64(a).Build() > KeyBuilder().DescendingUint64(b).Build());
    }
  }
  for (int32_t a : i) {
    for (int32_t b : i) {
      EXPECT_EQ(a < b, KeyBuilder().Int32(a).Build() < KeyBuilder().Int32(b).Build());
      EXPECT_EQ(a < b, KeyBuilder().DescendingInt32(a).Build() > KeyBuilder().DescendingInt32(b).Build());
    }
  }
}

TEST(KeyCodecTest, StringsSortLikeTheirValuesAndKeepBoundaries) {
  const std::vector<std::string> values = {"", std::string("\0", 1), "a", std::string("a\0", 2), "a\x01", "ab", "b"};
  for (const auto& a : values) {
    for (const auto& b : values) {
      // Order holds even with a component after the string.
      EXPECT_EQ(a < b, KeyBuilder().String(a).Uint64(9).Build() < KeyBuilder().String(b).Uint64(0).Build())
          << "a=" << a << " b=" << b;
    }
  }
}

TEST(KeyCodecTest, PrefixSuccessorBoundsAPrefixScan) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xFF", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xFF\xFF", 2)), "");
  const std::string prefix = KeyBuilder().String("kh").Build();
  EXPECT_LT(KeyBuilder().String("kh").Uint64(~0ull).Build(), PrefixSuccessor(prefix));
  EXPECT_GT(KeyBuilder().String("kha").Build(), prefix);
}

}  // namespace
}  // namespace accord::storage
