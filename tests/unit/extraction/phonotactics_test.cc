#include "ingest_service/extraction/phonotactics.h"

#include "gtest/gtest.h"

namespace accord::extraction {
namespace {

TEST(PhonotacticsTest, VietnameseSyllables) {
  for (const char* s : {"nguyen", "quang", "luong", "xuan", "giang", "lich", "thanh", "anh", "tuan", "ngo"}) {
    EXPECT_TRUE(IsVietnameseSyllable(s)) << s;
  }
  for (const char* s : {"sokha", "socheat", "siek", "sar", "tea", "mengdavid", "meun", "chey", "phnom", "bavet"}) {
    EXPECT_FALSE(IsVietnameseSyllable(s)) << s;
  }
}

TEST(PhonotacticsTest, ClassifiesNames) {
  EXPECT_EQ(ClassifyName({"phan", "van", "giang"}, false), NameOrigin::kVietnamese);
  EXPECT_EQ(ClassifyName({"nguyen", "tan", "cuong"}, false), NameOrigin::kVietnamese);
  EXPECT_EQ(ClassifyName({"sar", "sokha"}, false), NameOrigin::kNotVietnamese);
  EXPECT_EQ(ClassifyName({"hun", "manet"}, false), NameOrigin::kNotVietnamese);
  // Valid syllables but no Vietnamese family name and no diacritics.
  EXPECT_EQ(ClassifyName({"sam", "an"}, false), NameOrigin::kNotVietnamese);
}

TEST(PhonotacticsTest, ClassifiesPlaceNames) {
  EXPECT_EQ(ClassifyPlaceName("moc bai"), NameOrigin::kVietnamese);
  EXPECT_EQ(ClassifyPlaceName("trapeang phlong"), NameOrigin::kNotVietnamese);
  EXPECT_EQ(ClassifyPlaceName(""), NameOrigin::kUnknown);
}

}  // namespace
}  // namespace accord::extraction
