#include "ingest_service/extraction/text_normalizer.h"

#include <string>

#include "gtest/gtest.h"

namespace accord::extraction {
namespace {

// Every normalised span must map back to the original bytes it came from.
void ExpectMapsBack(const std::string& original, const NormalizedText& n, const std::string& normalized_piece,
                    const std::string& original_piece) {
  const size_t b = n.text.find(normalized_piece);
  ASSERT_NE(b, std::string::npos) << n.text;
  const size_t e = b + normalized_piece.size();
  const uint32_t ob = n.OriginalOffset(b), oe = n.OriginalOffset(e);
  EXPECT_EQ(original.substr(ob, oe - ob), original_piece);
}

TEST(TextNormalizerTest, MapsSpacesQuotesAndDashes) {
  const std::string in = "Cambodia\u2019s\u00A0minister said \u201Cyes\u201D \u2013 twice\u2026";
  const NormalizedText n = NormalizeText(in);
  EXPECT_EQ(n.text, "Cambodia's minister said \"yes\" - twice...");
  ASSERT_EQ(n.origin.size(), n.text.size() + 1);
  EXPECT_EQ(n.origin.back(), in.size());
  ExpectMapsBack(in, n, "Cambodia's minister", "Cambodia\u2019s\u00A0minister");
}

TEST(TextNormalizerTest, SplitsWordsGluedByAScrape) {
  const std::string in = "the Defence MinisterTea Banh signed theCooperation Plan in the2020 period";
  const NormalizedText n = NormalizeText(in);
  EXPECT_EQ(n.text, "the Defence Minister Tea Banh signed the Cooperation Plan in the 2020 period");
  ExpectMapsBack(in, n, "Tea Banh", "Tea Banh");
  ExpectMapsBack(in, n, "Defence Minister", "Defence Minister");
}

TEST(TextNormalizerTest, SplitsDigitGluedToCapitalisedWord) {
  EXPECT_EQ(NormalizeText("photo 1Vietnamese officials").text, "photo 1 Vietnamese officials");
  // Ordinary mixed case and codes stay intact.
  EXPECT_EQ(NormalizeText("iPhone McDonald COVID-19 G20").text, "iPhone McDonald COVID-19 G20");
}

TEST(TextNormalizerTest, ComposesDecomposedVietnamese) {
  // "Lương" with U+031B (horn) written separately.
  const std::string in = "Minister Lu\u031Bo\u031Bng Tam Quang";
  const NormalizedText n = NormalizeText(in);
  EXPECT_EQ(n.text, "Minister L\u01B0\u01A1ng Tam Quang");
  ExpectMapsBack(in, n, "Tam Quang", "Tam Quang");
  ExpectMapsBack(in, n, "L\u01B0\u01A1ng", "Lu\u031Bo\u031Bng");
}

TEST(TextNormalizerTest, NewlinesAndZeroWidth) {
  const std::string in = "a\r\nb\rc\u200Bd";
  const NormalizedText n = NormalizeText(in);
  EXPECT_EQ(n.text, "a\nb\ncd");
  EXPECT_EQ(n.origin.back(), in.size());
}

TEST(TextNormalizerTest, EmptyAndInvalidBytes) {
  EXPECT_EQ(NormalizeText("").text, "");
  EXPECT_EQ(NormalizeText("").origin.size(), 1u);
  const NormalizedText n = NormalizeText(std::string("a\xFF" "b"));
  EXPECT_EQ(n.text, "a?b");
}

}  // namespace
}  // namespace accord::extraction

namespace accord::extraction {
namespace {

// ASCII texts take a byte-wise path; a non-ASCII tail forces the general
// one, which must agree on the ASCII prefix.
TEST(TextNormalizerTest, AsciiPathMatchesGeneralPath) {
  for (const std::string& ascii :
       {std::string("Minister Tea Banh said\r\nthe2020 Plan was\tsigned by 1Vietnamese `officials`.\r"),
        std::string("MinisterTea met theCooperation team in 2024\x0B\x0C and 1999."), std::string("ab"),
        std::string("x\r\n\r\ny Z9 aZb the1999"), std::string("a\0b", 3)}) {
    const NormalizedText fast = NormalizeText(ascii);
    const NormalizedText general = NormalizeText(ascii + " \xC2\xA0");
    ASSERT_GE(general.text.size(), fast.text.size()) << ascii;
    EXPECT_EQ(fast.text, general.text.substr(0, fast.text.size())) << ascii;
    EXPECT_EQ(std::vector<uint32_t>(fast.origin.begin(), fast.origin.end() - 1),
              std::vector<uint32_t>(general.origin.begin(), general.origin.begin() + fast.text.size()))
        << ascii;
    EXPECT_EQ(fast.origin.back(), ascii.size());
  }
}

}  // namespace
}  // namespace accord::extraction
