#include "ingest_service/store/entity_merger.h"

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace accord::ingest {
namespace {

using ::testing::ElementsAre;

accord::v1::Date D(int y, int m, int d) {
  accord::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

accord::v1::Official Official(const std::string& display, const std::string& article, accord::v1::Date seen,
                              const std::string& title) {
  accord::v1::Official o;
  o.set_id("luong-tam-quang");
  o.set_name("officials/luong-tam-quang");
  o.set_display_name(display);
  o.add_aliases("Luong Tam Quang");
  o.set_country_code("VN");
  auto* role = o.add_roles();
  role->set_title(title);
  *role->mutable_first_seen() = seen;
  *role->mutable_last_seen() = seen;
  role->add_article_ids(article);
  auto* e = o.add_evidence();
  e->set_article_id(article);
  o.add_article_ids(article);
  return o;
}

TEST(EntityMergerTest, OfficialKeepsDiacriticsAndSpansRoleDates) {
  accord::v1::Official stored;
  MergeOfficial(&stored, Official("Luong Tam Quang", "b", D(2025, 2, 19), "Minister of Public Security"));
  MergeOfficial(&stored, Official("Lương Tam Quang", "a", D(2024, 8, 1), "minister of public  security"));
  EXPECT_EQ(stored.display_name(), "Lương Tam Quang");
  ASSERT_EQ(stored.roles_size(), 1);  // same role, folded
  EXPECT_EQ(stored.roles(0).first_seen().year(), 2024);
  EXPECT_EQ(stored.roles(0).last_seen().month(), 2);
  EXPECT_THAT(stored.roles(0).article_ids(), ElementsAre("a", "b"));
  EXPECT_THAT(stored.article_ids(), ElementsAre("a", "b"));
  EXPECT_EQ(stored.evidence_size(), 2);
}

TEST(EntityMergerTest, OfficialMergeIsOrderInsensitive) {
  const auto a = Official("Lương Tam Quang", "a", D(2024, 1, 1), "Minister of Public Security");
  const auto b = Official("Luong Tam Quang", "b", D(2025, 1, 1), "General");
  accord::v1::Official ab, ba;
  MergeOfficial(&ab, a);
  MergeOfficial(&ab, b);
  MergeOfficial(&ba, b);
  MergeOfficial(&ba, a);
  EXPECT_EQ(ab.display_name(), ba.display_name());
  EXPECT_THAT(ab.article_ids(), ElementsAre("a", "b"));
  EXPECT_THAT(ba.article_ids(), ElementsAre("a", "b"));
  EXPECT_EQ(ab.roles_size(), ba.roles_size());
}

TEST(EntityMergerTest, EvidenceAndArticleIdsAreCapped) {
  accord::v1::Official stored;
  // Merged in descending order: the kept ids are the smallest, whatever the order.
  for (int i = 99; i >= 0; --i) {
    MergeOfficial(&stored, Official("X Y", absl::StrFormat("art%03d", i), D(2024, 1, 1), "t"));
  }
  EXPECT_EQ(stored.evidence_size(), kMaxEvidence);
  ASSERT_EQ(stored.article_ids_size(), kMaxArticleIds);
  EXPECT_EQ(stored.article_ids(0), "art000");
  EXPECT_EQ(stored.article_ids(kMaxArticleIds - 1), absl::StrFormat("art%03d", kMaxArticleIds - 1));
  ASSERT_EQ(stored.roles_size(), 1);
  EXPECT_EQ(stored.roles(0).article_ids_size(), kMaxArticleIds);
}

TEST(EntityMergerTest, PlanParticipantsAreCapped) {
  accord::v1::CooperationPlan stored;
  for (int i = 0; i < 40; ++i) {
    accord::v1::CooperationPlan c;
    c.set_id("security-kh-vn-2024");
    auto* s = c.add_signatories();
    s->set_official_id(absl::StrFormat("person-%02d", i));
    s->set_display_name(absl::StrFormat("Person %02d", i));
    *c.add_witnesses() = *s;
    MergePlan(&stored, c);
  }
  ASSERT_EQ(stored.signatories_size(), kMaxParticipants);
  EXPECT_EQ(stored.witnesses_size(), kMaxParticipants);
  EXPECT_EQ(stored.signatories(0).official_id(), "person-00");  // the first seen are kept
}

TEST(EntityMergerTest, StatusHistoryKeepsTheLatestObservations) {
  accord::v1::BorderCheckpoint stored;
  // Observations arrive newest first; each day's status alternates.
  for (int day = 60; day >= 1; --day) {
    accord::v1::BorderCheckpoint c;
    c.set_id("a--b");
    c.set_status(day % 2 ? accord::v1::CHECKPOINT_STATUS_OPERATIONAL : accord::v1::CHECKPOINT_STATUS_CLOSED);
    auto* obs = c.add_status_history();
    obs->set_status(c.status());
    *obs->mutable_seen_on() = D(2024, 1 + (day - 1) / 28, 1 + (day - 1) % 28);
    obs->set_article_id(absl::StrFormat("art%02d", day));
    MergeCheckpoint(&stored, c);
  }
  ASSERT_EQ(stored.status_history_size(), kMaxStatusHistory);
  EXPECT_EQ(stored.status_history(0).article_id(), absl::StrFormat("art%02d", 60 - kMaxStatusHistory + 1));
  EXPECT_EQ(stored.status_history(kMaxStatusHistory - 1).article_id(), "art60");
  EXPECT_EQ(stored.status(), accord::v1::CHECKPOINT_STATUS_CLOSED);  // day 60's
}

TEST(EntityMergerTest, PlanUnionsParticipantsAndKeepsMostPreciseDate) {
  accord::v1::CooperationPlan a, b, stored;
  a.set_id("security-kh-vn-2024");
  a.set_kind(accord::v1::PLAN_KIND_SECURITY);
  a.set_year(2024);
  a.add_parties()->set_country_code("VN");
  a.add_signatories()->set_official_id("to-lam");
  *a.mutable_signed_on() = D(2024, 1, 0);
  a.add_focus_areas(accord::v1::FOCUS_AREA_TRAINING);
  a.add_article_ids("a");
  b = a;
  b.clear_parties();
  b.add_parties()->set_country_code("KH");
  b.mutable_parties(0)->set_organization("Ministry of Interior");
  b.clear_signatories();
  b.add_signatories()->set_official_id("sar-sokha");
  b.add_signatories()->set_official_id("to-lam");
  *b.mutable_signed_on() = D(2024, 1, 23);
  b.add_focus_areas(accord::v1::FOCUS_AREA_DRUG_TRAFFICKING);
  b.set_article_ids(0, "b");
  MergePlan(&stored, a);
  MergePlan(&stored, b);
  EXPECT_EQ(stored.parties_size(), 2);
  EXPECT_EQ(stored.parties(0).country_code(), "KH");
  EXPECT_EQ(stored.signatories_size(), 2);
  EXPECT_EQ(stored.signed_on().day(), 23);
  EXPECT_EQ(stored.focus_areas_size(), 2);
  EXPECT_THAT(stored.article_ids(), ElementsAre("a", "b"));
}

TEST(EntityMergerTest, CheckpointStatusFollowsTheLatestObservation) {
  accord::v1::BorderCheckpoint agreed, opened, stored;
  agreed.set_id("meun-chey--tan-net");
  agreed.set_type(accord::v1::CHECKPOINT_TYPE_MAIN);
  agreed.add_sides()->set_name("Tan Net");
  auto* o1 = agreed.add_status_history();
  o1->set_status(accord::v1::CHECKPOINT_STATUS_AGREED);
  *o1->mutable_seen_on() = D(2023, 5, 1);
  o1->set_article_id("a");
  opened = agreed;
  opened.set_type(accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
  opened.mutable_sides(0)->set_province("Tây Ninh");
  auto* o2 = opened.mutable_status_history(0);
  o2->set_status(accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
  *o2->mutable_seen_on() = D(2025, 12, 9);
  o2->set_article_id("b");
  // Newer article first: the status still ends at the latest date.
  MergeCheckpoint(&stored, opened);
  MergeCheckpoint(&stored, agreed);
  EXPECT_EQ(stored.status(), accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
  EXPECT_EQ(stored.status_history_size(), 2);
  EXPECT_EQ(stored.status_history(0).article_id(), "a");
  EXPECT_EQ(stored.type(), accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
  ASSERT_EQ(stored.sides_size(), 1);
  EXPECT_EQ(stored.sides(0).province(), "Tây Ninh");
}

TEST(EntityMergerTest, CompareDatesTreatsUnknownPartsAsEarliest) {
  EXPECT_LT(CompareDates(D(2024, 0, 0), D(2024, 1, 1)), 0);
  EXPECT_GT(CompareDates(D(2025, 1, 1), D(2024, 12, 31)), 0);
  EXPECT_EQ(CompareDates(D(2024, 3, 4), D(2024, 3, 4)), 0);
}

}  // namespace
}  // namespace accord::ingest
