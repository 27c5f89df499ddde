#include "ingest_service/extraction/plans.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/extraction/test_util.h"

namespace accord::extraction {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using test_util::FindPlan;
using test_util::ExtractText;
using test_util::Signatories;
using test_util::Witnesses;

TEST(PlansTest, YearlyPlanSignedByNamedMinisters) {
  const auto x = ExtractText(
      "Vietnam and Cambodia signed a cooperation plan for 2026 on crime prevention.\n"
      "The signing of the 2026 cooperation plan by Minister of Public Security Lương Tam Long and Cambodian "
      "Minister of Interior Sok Pheara took place in Hanoi on January 14.",
      2026, 1, 16);
  const auto* p = FindPlan(x, "security-kh-vn-2026");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name(), "plans/security-kh-vn-2026");
  EXPECT_EQ(p->year(), 2026);
  EXPECT_EQ(p->kind(), accord::v1::PLAN_KIND_SECURITY);
  EXPECT_THAT(Signatories(*p), UnorderedElementsAre("Lương Tam Long", "Sok Pheara"));
  EXPECT_EQ(p->signed_on().year(), 2026);
  EXPECT_EQ(p->signed_on().month(), 1);
  EXPECT_EQ(p->signed_on().day(), 14);
  ASSERT_EQ(p->parties_size(), 2);
  EXPECT_EQ(p->parties(0).country_code(), "KH");
  EXPECT_EQ(p->parties(0).organization(), "Ministry of Interior");
}

TEST(PlansTest, ReviewedPlanIsAPlanButNotTheSigned_one) {
  const auto x = ExtractText(
      "The two ministries renewed their security cooperation.\n"
      "The 2025 plan sets out joint patrols.\n"
      "The signing took place during a March 3 meeting to review the results of their 2024 cooperation.\n"
      "The signing was overseen by Minister of Interior Sok Pheara and his Vietnamese counterpart Lương Tam "
      "Long, Minister of Public Security.");
  const auto* p = FindPlan(x, "security-kh-vn-2025");
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(Signatories(*p), UnorderedElementsAre("Sok Pheara", "Lương Tam Long"));
  EXPECT_EQ(p->signed_on().year(), 2025);  // resolved against the plan's year
  EXPECT_EQ(p->signed_on().month(), 3);
  EXPECT_EQ(p->signed_on().day(), 3);
  const auto* old = FindPlan(x, "security-kh-vn-2024");
  ASSERT_NE(old, nullptr);
  EXPECT_THAT(Signatories(*old), IsEmpty());
}

TEST(PlansTest, PeriodProtocolAndTitleDefenceMinisters) {
  const auto x = ExtractText(
      "Vietnam and Cambodia agreed to deepen defence ties during online talks on February 2.\n"
      "The talks were held between Vietnamese Defence Minister Gen. Phan Huu Nghia and Cambodia's Defence "
      "Minister Tea Seiha.\n"
      "They reviewed the Protocol for the 2021-2025 period and the 2022 Cooperation Plan.\n"
      "After the talks, the two Defence Ministers signed the Cooperation Plan for 2023.");
  const auto* protocol = FindPlan(x, "defence-kh-vn-2021-2025");
  ASSERT_NE(protocol, nullptr);
  EXPECT_EQ(protocol->start_year(), 2021);
  EXPECT_EQ(protocol->end_year(), 2025);
  EXPECT_EQ(protocol->year(), 0);
  EXPECT_NE(FindPlan(x, "defence-kh-vn-2022"), nullptr);
  const auto* p = FindPlan(x, "defence-kh-vn-2023");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->title(), "Cooperation Plan for 2023");
  EXPECT_THAT(Signatories(*p), UnorderedElementsAre("Phan Huu Nghia", "Tea Seiha"));
  EXPECT_EQ(p->signed_on().year(), 2023);
  EXPECT_EQ(p->signed_on().month(), 2);
  EXPECT_EQ(p->signed_on().day(), 2);
}

TEST(PlansTest, MasterPlanToYear) {
  const auto x = ExtractText("The sides will build on the Master Plan on Cambodia - Vietnam Trade Connectivity to 2035 "
                     "and on a new road link.");
  ASSERT_EQ(x.plans_size(), 1);
  const auto& p = x.plans(0);
  EXPECT_EQ(p.id(), "economic-kh-vn-to-2035");
  EXPECT_EQ(p.end_year(), 2035);
  EXPECT_EQ(p.kind(), accord::v1::PLAN_KIND_ECONOMIC);
}

TEST(PlansTest, MouWitnessedByPrimeMinisters) {
  const auto x = ExtractText(
      "Minister of Interior Sok Pheara and Vietnamese Minister of Public Security Lương Tam Long signed a "
      "memorandum of understanding on combating human trafficking, witnessed by Prime Ministers Hun Dara and "
      "Pham Minh Son.",
      2025, 6, 1);
  ASSERT_EQ(x.plans_size(), 1);
  const auto& p = x.plans(0);
  EXPECT_EQ(p.kind(), accord::v1::PLAN_KIND_SECURITY);
  // The title's slug is cut so that the id fits a resource name (64 characters).
  EXPECT_EQ(p.id(), "security-kh-vn-memorandum-of-understanding-on-combating-49be232b");
  EXPECT_THAT(Signatories(p), UnorderedElementsAre("Sok Pheara", "Lương Tam Long"));
  EXPECT_THAT(Witnesses(p), UnorderedElementsAre("Hun Dara", "Pham Minh Son"));
  EXPECT_THAT(p.focus_areas(), ::testing::Contains(accord::v1::FOCUS_AREA_HUMAN_TRAFFICKING));
}

TEST(PlansTest, WitnessesAsSubject) {
  const auto x = ExtractText("Prime Ministers Hun Dara and Pham Minh Son witnessed the signing of the 2027 trade "
                     "cooperation plan by the two trade ministers.");
  const auto* p = FindPlan(x, "economic-kh-vn-2027");
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(Witnesses(*p), UnorderedElementsAre("Hun Dara", "Pham Minh Son"));
  EXPECT_THAT(Signatories(*p), IsEmpty());
}

TEST(PlansTest, ThatOfYearIsAnEarlierPlan) {
  const auto x = ExtractText("The 2025 security cooperation plan is similar to that of 2024.");
  EXPECT_NE(FindPlan(x, "security-2025"), nullptr);
  EXPECT_NE(FindPlan(x, "security-2024"), nullptr);
}

TEST(PlansTest, NoPlanWithoutYearOrName) {
  const auto x = ExtractText("Vietnam and Cambodia agreed on further plans and measures. "
                     "What is next for Vietnam-Cambodia military ties in 2019? "
                     "They want more than merely signing an agreement.");
  EXPECT_EQ(x.plans_size(), 0);
}

TEST(PlansTest, TrilateralParties) {
  const auto x = ExtractText("Vietnam, Laos and Cambodia signed a trilateral border security plan for 2026 in "
                     "Vientiane. Laos and Cambodia will host the next round.");
  const auto* p = FindPlan(x, "security-kh-la-vn-2026");
  ASSERT_NE(p, nullptr) << (x.plans_size() ? x.plans(0).id() : "");
}

}  // namespace
}  // namespace accord::extraction

namespace accord::extraction {
namespace {

TEST(PlansMoreTest, ThisYearsPlanUsesTheArticleYear) {
  const auto x = test_util::ExtractText(
      "Vietnam and Cambodia signed this year's security cooperation plan on Tuesday.", 2025, 3, 6);
  const auto* p = test_util::FindPlan(x, "security-kh-vn-2025");
  ASSERT_NE(p, nullptr);
  // 2025-03-06 is a Thursday; "on Tuesday" counts back to March 4.
  EXPECT_EQ(p->signed_on().month(), 3);
  EXPECT_EQ(p->signed_on().day(), 4);
}

TEST(PlansMoreTest, TitledPlanWithYearAfterTheNoun) {
  const auto x = test_util::ExtractText("Cambodia and Vietnam adopted the Joint Action Plan 2026-2028 on drugs.");
  const auto* p = test_util::FindPlan(x, "security-kh-vn-2026-2028");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->title(), "Joint Action Plan 2026-2028");
}

TEST(PlansMoreTest, DatelineIsNotTheSigningDateWhenAWeekdayIsGiven) {
  const auto x = test_util::ExtractText(
      "PHNOM PENH, May 22 - Cambodia and Vietnam on Wednesday signed a memorandum of understanding on "
      "border liaison offices.",
      2025, 5, 22);
  ASSERT_EQ(x.plans_size(), 1);
  EXPECT_EQ(x.plans(0).signed_on().day(), 21);
  EXPECT_EQ(x.plans(0).kind(), accord::v1::PLAN_KIND_BORDER);
}

TEST(PlansMoreTest, EarlierSigningAndSideClausesNameNoSignatories) {
  const auto x = test_util::ExtractText(
      "Deputy Minister of Public Security Lê Văn Hải and Cambodian Secretary of State Sok Dara discussed the "
      "Agreement on Preventing Transnational Crime, signed in 2019, and the MoU on drug control.\n"
      "Vietnam and Cambodia signed a memorandum of understanding on police training, as Prime Minister Hun "
      "Dara received Deputy Minister Lê Văn Hải.");
  for (const auto& p : x.plans()) EXPECT_THAT(test_util::Signatories(p), IsEmpty()) << p.id();
  EXPECT_GE(x.plans_size(), 2);
}

TEST(PlansMoreTest, TheSigningRefersBackToTheSignedPlan) {
  const auto x = test_util::ExtractText(
      "Vietnam and Cambodia signed their defence cooperation plan for 2027 on Thursday.\n"
      "Before the signing, the ministers reviewed the Protocol for the 2026-2030 period with Cambodian "
      "Defence Minister Gen. Tea Seiha.");
  const auto* protocol = test_util::FindPlan(x, "defence-kh-vn-2026-2030");
  ASSERT_NE(protocol, nullptr);
  EXPECT_THAT(test_util::Signatories(*protocol), IsEmpty());
  const auto* plan = test_util::FindPlan(x, "defence-kh-vn-2027");
  ASSERT_NE(plan, nullptr);
  EXPECT_THAT(test_util::Signatories(*plan), UnorderedElementsAre("Tea Seiha"));
}


TEST(PlansTest, YesterdayResolvesAgainstTheArticleDate) {
  const auto x = ExtractText("Minister of National Defence Phan Van Giang and Cambodian Minister of National "
                             "Defence Tea Seiha yesterday signed the 2026 defence cooperation plan.",
                             2026, 3, 1);
  ASSERT_EQ(x.plans_size(), 1);
  EXPECT_EQ(x.plans(0).signed_on().year(), 2026);
  EXPECT_EQ(x.plans(0).signed_on().month(), 2);
  EXPECT_EQ(x.plans(0).signed_on().day(), 28);
}

TEST(PlansTest, TheThreeMinistersAreNotTheirDeputies) {
  const auto x = ExtractText(
      "Present were General Luong Tam Quang, Minister of Public Security of Vietnam; Vilay Lakhamfong, Minister "
      "of Public Security of Laos; and Sar Sokha, Minister of Interior of Cambodia. Lt. Gen. Somkeo Silavong, "
      "Deputy Minister of Public Security of Laos, also attended. The three ministers signed a Memorandum of "
      "Understanding on border security.");
  ASSERT_EQ(x.plans_size(), 1);
  EXPECT_THAT(Signatories(x.plans(0)),
              ::testing::UnorderedElementsAre("Luong Tam Quang", "Vilay Lakhamfong", "Sar Sokha"));
}

TEST(PlansTest, HeadlineMouMergesWithTheBodyMou) {
  const auto x = ExtractText(
      "Two provinces sign MoU on cross-border commerce\n\nThe governors of Kampot and Kien Giang signed a "
      "memorandum of understanding on trade and tourism cooperation on May 3.",
      2024, 5, 4);
  ASSERT_EQ(x.plans_size(), 1);
  EXPECT_EQ(x.plans(0).kind(), accord::v1::PLAN_KIND_ECONOMIC);
}

TEST(PlansTest, BorderGuardProtocolIsABorderPlan) {
  const auto x = ExtractText("Police General Sao Sokha and the commander of the Vietnam Border Guard reviewed the "
                             "Protocol for 2021-2025 period.");
  ASSERT_EQ(x.plans_size(), 1);
  EXPECT_EQ(x.plans(0).kind(), accord::v1::PLAN_KIND_BORDER);
}

}  // namespace
}  // namespace accord::extraction

namespace accord::extraction {
namespace {

TEST(PlansRelativeClauseTest, APlanUnderReviewSignedInARelativeClauseGetsItsSignersAndDate) {
  const auto x = test_util::ExtractText(
      "Officials of the two countries met in Kampot last week.\n"
      "Governor Chan Sovann and Consul General Tran Van Hai reviewed the 2023 security cooperation plan, which "
      "Minister of Interior Sok Pheara and Minister of Public Security Lương Tam Long signed in Hanoi on April 2.",
      2023, 9, 1);
  const auto* p = test_util::FindPlan(x, "security-kh-vn-2023");
  ASSERT_NE(p, nullptr);
  // Only those after "which" signed; the reviewers did not.
  EXPECT_THAT(test_util::Signatories(*p), ::testing::UnorderedElementsAre("Sok Pheara", "Lương Tam Long"));
  EXPECT_EQ(p->signed_on().year(), 2023);
  EXPECT_EQ(p->signed_on().month(), 4);
  EXPECT_EQ(p->signed_on().day(), 2);
}

TEST(PlansTwoSidesTest, TheTwoOfficersAreTheTwoOfficialsOfThePreviousSentence) {
  const auto x = test_util::ExtractText(
      "Lieutenant General Pham Quoc Tuan, Deputy Chief of the General Staff of the Vietnam People's Army, held "
      "talks with General Chea Sopheak, Deputy Commander-in-Chief of the Royal Cambodian Armed Forces, on May 6.\n"
      "After the talks, the two officers signed the 2027 defence cooperation plan.",
      2027, 5, 7);
  const auto* p = test_util::FindPlan(x, "defence-kh-vn-2027");
  ASSERT_NE(p, nullptr);
  EXPECT_THAT(test_util::Signatories(*p), ::testing::UnorderedElementsAre("Pham Quoc Tuan", "Chea Sopheak"));
}

TEST(PlansTwoSidesTest, NoSignersWhenThePreviousSentenceDoesNotNameExactlyTheTwoSides) {
  const auto x = test_util::ExtractText(
      "Minister of Interior Sok Pheara, Minister of Public Security Lương Tam Long and Lao Minister of Public "
      "Security Somsack Vongsa met in Vientiane.\n"
      "The two sides signed the 2027 security cooperation plan.",
      2027, 5, 7);
  ASSERT_EQ(x.plans_size(), 1);
  EXPECT_THAT(test_util::Signatories(x.plans(0)), ::testing::IsEmpty());
}

}  // namespace
}  // namespace accord::extraction
