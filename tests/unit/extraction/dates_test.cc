#include "ingest_service/extraction/dates.h"

#include "gtest/gtest.h"

namespace accord::extraction {
namespace {

accord::v1::Date D(int y, int m, int d) {
  accord::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

void ExpectDate(const accord::v1::Date& got, int y, int m, int d) {
  EXPECT_EQ(got.year(), y);
  EXPECT_EQ(got.month(), m);
  EXPECT_EQ(got.day(), d);
}

class DatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = DateFinder::Create();
    ASSERT_TRUE(f.ok());
    finder_ = std::move(*f);
  }
  std::unique_ptr<const DateFinder> finder_;
};

TEST_F(DatesTest, FindsCommonForms) {
  const auto all = finder_->FindAll(
      "Met on January 23, then Jan. 8, 2021, 9 December 2025, 2025-02-19 and 19/02/2024, in March 2024.");
  ASSERT_EQ(all.size(), 6u);
  ExpectDate(all[0].date, 0, 1, 23);
  ExpectDate(all[1].date, 2021, 1, 8);
  ExpectDate(all[2].date, 2025, 12, 9);
  ExpectDate(all[3].date, 2025, 2, 19);
  ExpectDate(all[4].date, 2024, 2, 19);
  ExpectDate(all[5].date, 2024, 3, 0);
}

TEST_F(DatesTest, IgnoresNumbersThatAreNotDates) {
  EXPECT_TRUE(finder_->FindAll("He may 20 times say so; 700-mile border; 2024 plan").empty());
}

TEST_F(DatesTest, FindsTheDateLine) {
  ExpectDate(finder_->FindDateLine(" date 2025-02-19 HANOI - The two ministers met."), 2025, 2, 19);
  ExpectDate(finder_->FindDateLine("Saturday, January 10, 2026\n\nTop stories\nHeadline"), 2026, 1, 10);
  // A date deep inside the story is not the article's date.
  ExpectDate(finder_->FindDateLine("Headline\nThe meeting in Siem Reap ended on December 9, 2025."), 0, 0, 0);
}

TEST(ResolveDateTest, UsesAnchorYearAndLooksBack) {
  ExpectDate(ResolveDate(D(0, 1, 8), D(2021, 0, 0)), 2021, 1, 8);
  ExpectDate(ResolveDate(D(0, 1, 8), D(2021, 1, 20)), 2021, 1, 8);
  ExpectDate(ResolveDate(D(0, 12, 28), D(2025, 1, 5)), 2024, 12, 28);
  ExpectDate(ResolveDate(D(2019, 5, 1), D(2025, 1, 5)), 2019, 5, 1);
  ExpectDate(ResolveDate(D(0, 5, 1), D(0, 0, 0)), 0, 5, 1);
}

TEST(MonthNumberTest, NamesAndAbbreviations) {
  EXPECT_EQ(MonthNumber("january"), 1);
  EXPECT_EQ(MonthNumber("sept"), 9);
  EXPECT_EQ(MonthNumber("dec"), 12);
  EXPECT_EQ(MonthNumber("xy"), 0);
}


TEST_F(DatesTest, CapitalisedDatelineHead) {
  ExpectDate(finder_->FindDateLine("Headline here\n\nDa Nang (VNA) - April 3, 2025\n\nBody."), 2025, 4, 3);
  ExpectDate(finder_->FindDateLine("Khmer Times | Phnom Penh, June 9, 2024\nBody."), 2024, 6, 9);
  ExpectDate(finder_->FindDateLine("VIENTIANE, November 2, 2024 (VNA) - The ministers met."), 2024, 11, 2);
  ExpectDate(finder_->FindDateLine("People's Army Newspaper - Kien Giang, May 2, 2023\n"), 2023, 5, 2);
  // A sentence is not a dateline.
  ExpectDate(finder_->FindDateLine("Ministers met in Hue on April 3, 2025 to sign.\n"), 0, 0, 0);
}

}  // namespace
}  // namespace accord::extraction
