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

TEST(FoldTest, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(FoldForMatch(std::string("ab\xFF" "cd")), "ab cd");
}

}  // namespace
}  // namespace accord::text
