#include "shared/text/fold.h"

#include <string>

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

TEST(FoldTest, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(FoldForMatch(std::string("ab\xFF" "cd")), "ab cd");
}

}  // namespace
}  // namespace accord::text
