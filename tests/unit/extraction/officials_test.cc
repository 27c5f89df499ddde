#include "ingest_service/extraction/officials.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/extraction/test_util.h"

namespace accord::extraction {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using test_util::FindOfficial;
using test_util::ExtractText;
using test_util::Titles;

TEST(OfficialsTest, TwoTitlesBeforeTheNameWithDemonym) {
  const auto x = ExtractText("Cambodian Deputy Prime Minister and Minister of National Defence Tea Seiha met "
                     "Vietnamese Minister of Public Security Senior General Nguyen Van Long on Tuesday.");
  const auto* a = FindOfficial(x, "Tea Seiha");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->country_code(), "KH");
  EXPECT_THAT(Titles(*a), ElementsAre("Deputy Prime Minister", "Minister of National Defence"));
  const auto* b = FindOfficial(x, "Nguyen Van Long");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->country_code(), "VN");
  EXPECT_EQ(b->rank(), "Senior General");
  EXPECT_THAT(Titles(*b), ElementsAre("Minister of Public Security"));
  EXPECT_EQ(b->id(), "nguyen-van-long");
  EXPECT_EQ(b->name(), "officials/nguyen-van-long");
}

TEST(OfficialsTest, TitleAfterTheNameAndCounterpart) {
  const auto x = ExtractText("The talks were led by Minister of Interior Sok Pheara and his Lao counterpart "
                     "Vilay Sengdara, Minister of Public Security, in Vientiane.");
  const auto* a = FindOfficial(x, "Sok Pheara");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->country_code(), "KH");  // Ministry of Interior
  const auto* b = FindOfficial(x, "Vilay Sengdara");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->country_code(), "LA");  // the demonym beats the ministry
  EXPECT_THAT(Titles(*b), ElementsAre("Minister of Public Security"));
}

TEST(OfficialsTest, AppositiveTitlesWithOrganisation) {
  const auto x = ExtractText("Major General Chea Dara, the commander of the border units of the Royal Cambodian "
                     "Armed Forces (RCAF), received Lieutenant General Tran Quoc Hung, deputy chief of the "
                     "general staff of the Vietnam People's Army (VPA).");
  const auto* a = FindOfficial(x, "Chea Dara");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->rank(), "Major General");
  EXPECT_EQ(a->country_code(), "KH");
  ASSERT_EQ(a->roles_size(), 1);
  EXPECT_EQ(a->roles(0).title(), "commander of the border units of the Royal Cambodian Armed Forces");
  EXPECT_EQ(a->roles(0).organization(), "Royal Cambodian Armed Forces");
  const auto* b = FindOfficial(x, "Tran Quoc Hung");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->rank(), "Lieutenant General");
  EXPECT_EQ(b->country_code(), "VN");
}

TEST(OfficialsTest, AbbreviatedRanksAreNormalised) {
  const auto x = ExtractText("Vietnam's Defence Minister Gen. Phan Huu Nghia hosted Lt. Gen. Mao Sophan. "
                     "Maj.-Gen. Hoang Minh Duc also attended.");
  ASSERT_NE(FindOfficial(x, "Phan Huu Nghia"), nullptr);
  EXPECT_EQ(FindOfficial(x, "Phan Huu Nghia")->rank(), "General");
  ASSERT_NE(FindOfficial(x, "Mao Sophan"), nullptr);
  EXPECT_EQ(FindOfficial(x, "Mao Sophan")->rank(), "Lieutenant General");
  EXPECT_EQ(FindOfficial(x, "Mao Sophan")->country_code(), "KH");  // phonotactics
  ASSERT_NE(FindOfficial(x, "Hoang Minh Duc"), nullptr);
  EXPECT_EQ(FindOfficial(x, "Hoang Minh Duc")->rank(), "Major General");
}

TEST(OfficialsTest, HonorificsAreNotPartOfTheName) {
  const auto x = ExtractText("Samdech Techo Prime Minister Hun Dara and H.E. Dr. Keo Rithy, Secretary of State at the "
                     "Ministry of Interior, welcomed the delegation.");
  EXPECT_NE(FindOfficial(x, "Hun Dara"), nullptr);
  const auto* b = FindOfficial(x, "Keo Rithy");
  ASSERT_NE(b, nullptr);
  EXPECT_THAT(Titles(*b), ElementsAre("Secretary of State"));
  EXPECT_EQ(b->country_code(), "KH");
}

TEST(OfficialsTest, AnalystsAndResearchersAreNotOfficials) {
  const auto x = ExtractText("\"The plan matters,\" said Dr. Nguyen Thi Mai, a senior researcher at the Institute of "
                     "Regional Studies. Chan Virak, a political analyst in Phnom Penh, agreed. "
                     "Professor Le Van Hai, an expert on border law, was more cautious. "
                     "Senior Fellow Ros Dara of the Asia Centre did not comment.");
  EXPECT_EQ(x.officials_size(), 0) << x.officials(0).display_name();
}

TEST(OfficialsTest, ShortReferencesResolveToTheFullName) {
  const auto x = ExtractText("Minister of Interior Sok Pheara met Vietnamese Minister of Public Security General "
                     "Lương Tam Long. Pheara and Long praised the results. Gen. Long said more was needed.");
  ASSERT_EQ(x.officials_size(), 2);
  const auto* b = FindOfficial(x, "Luong Tam Long");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->display_name(), "Lương Tam Long");
  EXPECT_THAT(b->aliases(), ::testing::Contains("Luong Tam Long"));
  EXPECT_THAT(b->aliases(), ::testing::Contains("Long"));
}

TEST(OfficialsTest, DiacriticsPreferredAndMergedWithAsciiForm) {
  const auto x = ExtractText("Minister Luong Tam Long opened the meeting. Later, Vietnamese Minister of Public "
                     "Security Lương Tam Long signed the plan.");
  ASSERT_EQ(x.officials_size(), 1);
  EXPECT_EQ(x.officials(0).display_name(), "Lương Tam Long");
  EXPECT_EQ(x.officials(0).country_code(), "VN");
  EXPECT_THAT(Titles(x.officials(0)), ElementsAre("Minister of Public Security"));
}

TEST(OfficialsTest, SharedPluralTitle) {
  const auto x = ExtractText("Prime Ministers Hun Dara and Pham Minh Son witnessed the ceremony.");
  const auto* a = FindOfficial(x, "Hun Dara");
  const auto* b = FindOfficial(x, "Pham Minh Son");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_THAT(Titles(*b), ElementsAre("Prime Minister"));
  EXPECT_EQ(a->country_code(), "KH");
  EXPECT_EQ(b->country_code(), "VN");
}

TEST(OfficialsTest, PlacesAndOrganisationsAreNotPeople) {
  const auto x = ExtractText("Minister Ho Chi Minh City delegation visited Phnom Penh. Governor of Tay Ninh Province "
                     "Nguyen Thanh Tam welcomed them.");
  EXPECT_EQ(FindOfficial(x, "Ho Chi Minh"), nullptr);
  const auto* g = FindOfficial(x, "Nguyen Thanh Tam");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->country_code(), "VN");
}

TEST(OfficialsTest, GluedWordsFromAScrape) {
  const auto x = ExtractText("The agreement was reached by Cambodia's Deputy Prime Minister and Defence MinisterTea "
                     "Seiha and Vietnamese Defence MinisterGen. Phan Huu Nghia on January 8.");
  const auto* a = FindOfficial(x, "Tea Seiha");
  ASSERT_NE(a, nullptr);
  EXPECT_THAT(Titles(*a), ElementsAre("Deputy Prime Minister", "Defence Minister"));
  EXPECT_EQ(a->country_code(), "KH");
  const auto* b = FindOfficial(x, "Phan Huu Nghia");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->rank(), "General");
}

TEST(OfficialsTest, RolesCarryArticleDateAndId) {
  const auto x = ExtractText("Thai Foreign Minister Somsak Chaiyarat met the delegation.", 2024, 5, 2);
  const auto* a = FindOfficial(x, "Somsak Chaiyarat");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->country_code(), "TH");
  ASSERT_EQ(a->roles_size(), 1);
  EXPECT_EQ(a->roles(0).first_seen().year(), 2024);
  EXPECT_EQ(a->roles(0).last_seen().day(), 2);
  EXPECT_THAT(a->roles(0).article_ids(), ElementsAre("test-article"));
  EXPECT_THAT(a->article_ids(), ElementsAre("test-article"));
  EXPECT_GT(a->confidence(), 0.5f);
}

}  // namespace
}  // namespace accord::extraction

namespace accord::extraction {
namespace {

TEST(OfficialsMoreTest, PartyMemberAndSecondTitleAfterName) {
  const auto x = test_util::ExtractText(
      "Gen. Phan Huu Nghia, Politburo member and Minister of National Defence, received the guests.");
  const auto* a = test_util::FindOfficial(x, "Phan Huu Nghia");
  ASSERT_NE(a, nullptr);
  EXPECT_THAT(test_util::Titles(*a), ::testing::ElementsAre("Politburo member", "Minister of National Defence"));
}

TEST(OfficialsMoreTest, AppositiveBeforeTheNextPersonIsNotATitle) {
  const auto x = test_util::ExtractText(
      "The plan was signed by Lao Minister of Public Security Gen. Vilay Sengdara, Vietnamese Minister of "
      "Public Security Gen. Lương Tam Long and Cambodian Minister of Interior Sok Pheara.");
  const auto* a = test_util::FindOfficial(x, "Vilay Sengdara");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->country_code(), "LA");
  EXPECT_THAT(test_util::Titles(*a), ::testing::ElementsAre("Minister of Public Security"));
  EXPECT_EQ(test_util::FindOfficial(x, "Luong Tam Long")->country_code(), "VN");
}

TEST(OfficialsMoreTest, PrimeMinisterHasNoMinistry) {
  const auto x = test_util::ExtractText("Samdech Hun Dara, Prime Minister of the Kingdom of Cambodia, spoke.");
  const auto* a = test_util::FindOfficial(x, "Hun Dara");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->country_code(), "KH");
  ASSERT_EQ(a->roles_size(), 1);
  EXPECT_EQ(a->roles(0).organization(), "Kingdom of Cambodia");
}

TEST(OfficialsMoreTest, RankWordsAreNotPartOfNames) {
  const auto x = test_util::ExtractText(
      "The delegation was led by Colonel Nguyễn Hữu Tâm, commander of the Gia Lai Provincial Border Guard "
      "Command.");
  const auto* a = test_util::FindOfficial(x, "Nguyen Huu Tam");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->display_name(), "Nguyễn Hữu Tâm");
  EXPECT_EQ(a->rank(), "Colonel");
  EXPECT_EQ(a->country_code(), "VN");
}


TEST(OfficialsTest, WeekdayAbbreviationsAreNameSyllables) {
  const auto x = ExtractText("Deputy Governor Nguyen Minh Thu met Cambodian Deputy Prime Minister Sun Chanthol "
                             "on Thu, 4 July.");
  const auto* thu = FindOfficial(x, "Nguyen Minh Thu");
  const auto* sun = FindOfficial(x, "Sun Chanthol");
  ASSERT_NE(thu, nullptr);
  ASSERT_NE(sun, nullptr);
  EXPECT_EQ(sun->country_code(), "KH");
  EXPECT_EQ(x.officials_size(), 2);
}

TEST(OfficialsTest, DiacriticWordIsNotAnEnglishDemonym) {
  const auto x = ExtractText("Major General Trần Văn Thái, Political Commissar of the Border Guard, chaired the "
                             "meeting.");
  const auto* o = FindOfficial(x, "Tran Van Thai");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->display_name(), "Trần Văn Thái");
  EXPECT_EQ(o->country_code(), "VN");
  EXPECT_EQ(o->rank(), "Major General");
}

TEST(OfficialsTest, CountryNamedAsTitleOwnerBeatsMinistryDefault) {
  const auto x = ExtractText("The talks were attended by Lt. Gen. Somkeo Silavong, Deputy Minister of Public "
                             "Security of Laos.");
  const auto* o = FindOfficial(x, "Somkeo Silavong");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->country_code(), "LA");
}

TEST(OfficialsTest, CounterpartAfterCommaTakesTheSingleOfficeOfTheReferent) {
  const auto x = ExtractText("Cambodian Foreign Minister Prak Sokhonn arrived in Hanoi. His Vietnamese "
                             "counterpart, Bui Thanh Son, welcomed him at the airport.");
  const auto* o = FindOfficial(x, "Bui Thanh Son");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->country_code(), "VN");
  EXPECT_THAT(Titles(*o), ::testing::ElementsAre("Foreign Minister"));
}

TEST(OfficialsTest, CounterpartDoesNotTakeAnotherCountrysMinistry) {
  const auto x = ExtractText("Minister of Interior Sar Sokha and his Vietnamese counterpart Luong Tam Quang "
                             "held talks.");
  const auto* o = FindOfficial(x, "Luong Tam Quang");
  ASSERT_NE(o, nullptr);
  EXPECT_TRUE(o->roles().empty());
}

}  // namespace
}  // namespace accord::extraction

namespace accord::extraction {
namespace {

TEST(OfficialsDatelineTest, ADemonymAfterADatelineDashOutranksTheMinistrysUsualCountry) {
  const auto x = test_util::ExtractText(
      "VIENTIANE, May 2, 2026 (Xinhua) -- Lao Minister of Public Security Somsack Vongsa met Cambodian Minister of "
      "Interior Sok Pheara on Friday.");
  const auto* o = test_util::FindOfficial(x, "Somsack Vongsa");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->country_code(), "LA");
  EXPECT_THAT(test_util::Titles(*o), ::testing::ElementsAre("Minister of Public Security"));
}

}  // namespace
}  // namespace accord::extraction
