#include "ingest_service/extraction/sentences.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace accord::extraction {
namespace {

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(text, ContentLines(text))) {
    out.push_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

TEST(SentencesTest, SplitsAtTerminalPunctuation) {
  const auto s = Split("The talks ended. Both sides signed! Was it useful? \"Yes,\" he said.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[1], "Both sides signed!");
  EXPECT_EQ(s[3], "\"Yes,\" he said.");
}

TEST(SentencesTest, KeepsAbbreviationsAndInitials) {
  const auto s = Split("Gen. Tea Banh met Lt. Gen. Nguyen Van A. and H.E. Sok Chenda on Jan. 8. Then they left.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1], "Then they left.");
}

TEST(SentencesTest, LineBreaksEndSentences) {
  const auto s = Split("A headline without a period\nThe body starts here.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "A headline without a period");
}

TEST(SentencesTest, VnaStyleEnding) {
  const auto s = Split("The two ministers signed the plan./. Other text follows.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "The two ministers signed the plan./.");
}

TEST(SentencesTest, CutsOverlongRuns) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "word ";
  for (const std::string& s : Split(text)) EXPECT_LE(s.size(), kMaxSentenceBytes);
  std::string solid(5000, 'x');
  for (const std::string& s : Split(solid)) EXPECT_LE(s.size(), kMaxSentenceBytes);
}

}  // namespace
}  // namespace accord::extraction
