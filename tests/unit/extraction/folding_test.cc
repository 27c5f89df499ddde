#include "ingest_service/extraction/folding.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "shared/text/fold.h"

namespace accord::extraction {
namespace {

TEST(FoldingTest, IsAscii) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("Prime Minister Hun Manet, 2024."));
  EXPECT_FALSE(IsAscii("Lương"));
  EXPECT_FALSE(IsAscii("0123456789abcdef\xC3\xA9"));  // past the 8-byte blocks
}

TEST(FoldingTest, SameAsSharedFolding) {
  std::string all_ascii;
  for (int c = 1; c < 0x80; ++c) all_ascii.push_back(static_cast<char>(c));
  const std::vector<std::string> inputs = {
      "", " ", "Lt. Gen. Tea Banh", "  H.E.  Sar Kheng!! ", "MinisterOf-Interior_2024", "People's Army",
      "Lương Tam Quang", "Đặng Thị Ngọc Thịnh", "Bộ Công an (MPS)", "naïve café", "ＡＢＣ１２３", all_ascii,
      std::string("a\0b", 3)};
  for (const std::string& s : inputs) {
    EXPECT_EQ(FoldForMatch(s), text::FoldForMatch(s)) << s;
    EXPECT_EQ(FoldDiacritics(s), text::FoldDiacritics(s)) << s;
    EXPECT_EQ(Slugify(s), text::Slugify(s)) << s;
  }
}

TEST(FoldingTest, AsciiExamples) {
  EXPECT_EQ(FoldForMatch("  H.E.  Sar Kheng!! "), "h e sar kheng");
  EXPECT_EQ(FoldDiacritics("Lt. Gen."), "lt. gen.");
  EXPECT_EQ(Slugify("Tea Banh"), "tea-banh");
}

}  // namespace
}  // namespace accord::extraction
