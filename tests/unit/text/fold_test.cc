#include "shared/text/fold.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace accord::text {
namespace {

TEST(FoldTest, DropsDiacriticsAndCase) {
  EXPECT_EQ(FoldForMatch("Lương Tam Quang"), "luong tam quang");
  EXPECT_EQ(FoldForMatch("Luong Tam Quang"), "luong tam quang");
  EXPECT_EQ(FoldForMatch("ĐÀ NẴNG"), "da nang");
  EXPECT_EQ(FoldForMatch("Tô Lâm"), "to lam");
  EXPECT_EQ(FoldForMatch("Marcelo Rodríguez"), "marcelo rodriguez");
}

TEST(FoldTest, CollapsesPunctuationAndSpaces) {
  EXPECT_EQ(FoldForMatch("  Meun Chey (Prey Veng) – Tan Net  "), "meun chey prey veng tan net");
  EXPECT_EQ(FoldForMatch("\xC2\xA0" "a\xC2\xA0" "b"), "a b");
  EXPECT_EQ(FoldForMatch(""), "");
}

TEST(FoldTest, SlugIsStable) {
  EXPECT_EQ(Slugify("Lương Tam Quang"), "luong-tam-quang");
  EXPECT_EQ(Slugify("Sar Sokha"), Slugify("SAR  sokha"));
}

TEST(FoldTest, NfcComposesDecomposedInput) {
  // "ư" written as u + combining horn, "ơ" as o + combining horn.
  EXPECT_EQ(NormalizeNfc("Lu\xCC\x9Bo\xCC\x9Bng"), "Lương");
  EXPECT_EQ(FoldForMatch("Lu\xCC\x9Bo\xCC\x9Bng"), "luong");
}

TEST(FoldTest, IsAscii) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("Prime Minister Hun Manet, 2024."));
  EXPECT_FALSE(IsAscii("Lương"));
  EXPECT_FALSE(IsAscii("0123456789abcdef\xC3\xA9"));  // past the 8-byte blocks
}

// The ASCII fast path gives what the Unicode path gives: appending one
// non-ASCII letter forces the Unicode path on the same text.
TEST(FoldTest, AsciiFastPathMatchesTheUnicodePath) {
  std::string all_ascii;
  for (int c = 1; c < 0x80; ++c) all_ascii.push_back(static_cast<char>(c));
  for (const std::string& s : std::vector<std::string>{"Lt. Gen. Tea Banh", "  H.E.  Sar Kheng!! ",
                                                       "MinisterOf-Interior_2024", "People's Army", all_ascii,
                                                       std::string("a\0b", 3), "x"}) {
    EXPECT_EQ(FoldDiacritics(s + "\xC3\xA9"), FoldDiacritics(s) + "e") << s;  // é
    EXPECT_EQ(FoldForMatch(s + " \xC3\xA9"), FoldForMatch(s) + " e") << s;
    EXPECT_EQ(Slugify(s + " \xC3\xA9"), Slugify(s) + "-e") << s;
  }
  EXPECT_EQ(FoldForMatch("  H.E.  Sar Kheng!! "), "h e sar kheng");
  EXPECT_EQ(Slugify("Tea Banh"), "tea-banh");
}

std::string Repeat(const std::string& unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Runs of combining marks are cut at 30 (UAX #15 stream-safe): normalising
// them sorts each run, quadratic in its length. Marks of alternating classes
// (U+0301 above, 230; U+0316 below, 220) make utf8proc reorder every pair; a
// megabyte of them took minutes before the cut. The 30 kept come in order.
TEST(FoldTest, LongRunsOfCombiningMarksAreCutAtThirty) {
  const std::string acute = "\xCC\x81", grave_below = "\xCC\x96";
  const std::string thirty = "a" + Repeat(acute, 30);
  EXPECT_EQ(NormalizeNfc("a" + Repeat(acute, 31)), NormalizeNfc(thirty));
  EXPECT_EQ(NormalizeNfc("a" + Repeat(acute, 31) + "b" + acute), NormalizeNfc(thirty) + "b" + acute);
  EXPECT_EQ(NormalizeNfc("a" + Repeat(acute, 29)), "\xC3\xA1" + Repeat(acute, 28));  // short runs untouched
  EXPECT_EQ(FoldForMatch("Lu\xCC\x9B" + Repeat(acute, 200) + "ong"), "luong");
  // U+0F73 decomposes into two non-starters (U+0F71 U+0F72): it counts as two.
  EXPECT_EQ(FoldDiacritics("a" + Repeat("\xE0\xBD\xB3", 40)), FoldDiacritics("a" + Repeat("\xE0\xBD\xB3", 15)));
  // A megabyte of alternating marks after one letter: linear now (ctest's
  // timeout, not a timing assertion, is what catches a regression).
  const std::string hostile = "a" + Repeat(acute + grave_below, 1 << 18) + " b";
  EXPECT_EQ(FoldForMatch(hostile), "a b");
  EXPECT_EQ(Slugify(hostile), "a-b");
  EXPECT_LE(NormalizeNfc(hostile).size(), 2u * 31 + 2);
}

TEST(FoldTest, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(FoldForMatch(std::string("ab\xFF" "cd")), "ab cd");
}

}  // namespace
}  // namespace accord::text
