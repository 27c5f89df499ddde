#include "ingest_service/extraction/checkpoints.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/extraction/test_util.h"

namespace accord::extraction {
namespace {

using test_util::FindCheckpoint;
using test_util::ExtractText;

TEST(CheckpointsTest, PairWithProvinceInBrackets) {
  const auto x = ExtractText("Both sides welcomed the inauguration of the Phnom Den (Takeo) - Tinh Bien International "
                     "Border Checkpoint.",
                     2025, 3, 1);
  const auto* c = FindCheckpoint(x, "phnom-den--tinh-bien");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name(), "checkpoints/phnom-den--tinh-bien");
  EXPECT_EQ(c->display_name(), "Phnom Den - Tinh Bien");
  EXPECT_EQ(c->type(), accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
  EXPECT_EQ(c->status(), accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
  ASSERT_EQ(c->sides_size(), 2);
  EXPECT_EQ(c->sides(0).country_code(), "KH");
  EXPECT_EQ(c->sides(0).province(), "Takeo");
  EXPECT_EQ(c->sides(1).country_code(), "VN");
  ASSERT_EQ(c->status_history_size(), 1);
  EXPECT_EQ(c->status_history(0).seen_on().year(), 2025);
  EXPECT_EQ(c->status_history(0).article_id(), "test-article");
}

TEST(CheckpointsTest, HyphenPairAndUpgrade) {
  const auto x = ExtractText("The provinces agreed to upgrade the Xa Mat-Trapeang Phlong main border gate to an "
                     "international border gate.");
  const auto* c = FindCheckpoint(x, "trapeang-phlong--xa-mat");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status(), accord::v1::CHECKPOINT_STATUS_AGREED);
  EXPECT_EQ(c->sides(0).country_code(), "VN");
  EXPECT_EQ(c->sides(1).country_code(), "KH");
  EXPECT_EQ(x.checkpoints_size(), 1);
}

TEST(CheckpointsTest, UpgradedToInternational) {
  const auto x = ExtractText("Last month the Le Thanh-O Yadav border gate was upgraded to an international border gate.");
  const auto* c = FindCheckpoint(x, "le-thanh--o-yadav");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status(), accord::v1::CHECKPOINT_STATUS_UPGRADED);
  EXPECT_EQ(c->type(), accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
}

TEST(CheckpointsTest, ListOfPairsInOneSentence) {
  const auto x = ExtractText("Traffic through the Moc Bai-Bavet, Hoa Lu-Trapeang Sre and Vinh Xuong-Kaam Samnor "
                     "international border gates reopened on Monday.");
  EXPECT_EQ(x.checkpoints_size(), 3);
  for (const char* id : {"bavet--moc-bai", "hoa-lu--trapeang-sre", "kaam-samnor--vinh-xuong"}) {
    const auto* c = FindCheckpoint(x, id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->type(), accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
    EXPECT_EQ(c->status(), accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
  }
}

TEST(CheckpointsTest, PairAfterTheNounWithProvinces) {
  const auto x = ExtractText("The two governments plan to open the pair of international border gates at Dak Peur-Nam "
                     "Lyr in the province of Dak Nong and the neighbouring province of Mondulkiri.");
  const auto* c = FindCheckpoint(x, "dak-peur--nam-lyr");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status(), accord::v1::CHECKPOINT_STATUS_PLANNED);
  EXPECT_EQ(c->type(), accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
  ASSERT_EQ(c->sides_size(), 2);
  EXPECT_EQ(c->sides(0).province(), "Dak Nong");
  EXPECT_EQ(c->sides(0).country_code(), "VN");
  EXPECT_EQ(c->sides(1).province(), "Mondulkiri");
  EXPECT_EQ(c->sides(1).country_code(), "KH");
}

TEST(CheckpointsTest, SingleGateInProvince) {
  const auto x = ExtractText("Authorities closed the Chrey Thom international border gate in Kandal province for "
                     "two days.");
  const auto* c = FindCheckpoint(x, "chrey-thom");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status(), accord::v1::CHECKPOINT_STATUS_CLOSED);
  ASSERT_EQ(c->sides_size(), 1);
  EXPECT_EQ(c->sides(0).country_code(), "KH");
  EXPECT_EQ(c->sides(0).province(), "Kandal");
}

TEST(CheckpointsTest, SecondaryAndAuxiliaryGates) {
  const auto x = ExtractText("Officials inspected the Tan Nam auxiliary border gate and the Lo Go secondary "
                     "checkpoint.");
  ASSERT_NE(FindCheckpoint(x, "tan-nam"), nullptr);
  EXPECT_EQ(FindCheckpoint(x, "tan-nam")->type(), accord::v1::CHECKPOINT_TYPE_SECONDARY);
  ASSERT_NE(FindCheckpoint(x, "lo-go"), nullptr);
  EXPECT_EQ(FindCheckpoint(x, "lo-go")->type(), accord::v1::CHECKPOINT_TYPE_SECONDARY);
}

TEST(CheckpointsTest, RoutesAndUnnamedGatesAreNotCheckpoints) {
  const auto x = ExtractText("They discussed the Phnom Penh - Bavet - Ho Chi Minh City - Moc Bai Expressway and a "
                     "smart border gate model. They will open new international border checkpoints. "
                     "The Vietnam-Cambodia border gate system is busy.");
  EXPECT_EQ(x.checkpoints_size(), 0) << x.checkpoints(0).id();
}

TEST(CheckpointsTest, SameGateTwiceIsOneRecord) {
  const auto x = ExtractText("The Moc Bai - Bavet border gate was busy. Later the Bavet-Moc Bai border gate closed.");
  ASSERT_EQ(x.checkpoints_size(), 1);
  EXPECT_EQ(x.checkpoints(0).id(), "bavet--moc-bai");
}

}  // namespace
}  // namespace accord::extraction

namespace accord::extraction {
namespace {

TEST(CheckpointsMoreTest, FacingSingleGatesFormAPair) {
  const auto x = test_util::ExtractText(
      "The Hoa Lu international border gate in Binh Phuoc province, opposite Cambodia's Trapeang Sre border "
      "gate in Kratie province, reopened on Monday.");
  ASSERT_EQ(x.checkpoints_size(), 1);
  const auto& c = x.checkpoints(0);
  EXPECT_EQ(c.id(), "hoa-lu--trapeang-sre");
  EXPECT_EQ(c.display_name(), "Hoa Lu - Trapeang Sre");
  EXPECT_EQ(c.sides(1).province(), "Kratie");
  EXPECT_EQ(c.type(), accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
  EXPECT_EQ(c.status(), accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
}

TEST(CheckpointsMoreTest, AgreementAboutOtherThingsIsNotAgreedStatus) {
  const auto x = test_util::ExtractText(
      "The sides agreed to step up patrols near the Bo Y - Phou Keua international border checkpoint.");
  ASSERT_EQ(x.checkpoints_size(), 1);
  EXPECT_EQ(x.checkpoints(0).status(), accord::v1::CHECKPOINT_STATUS_UNSPECIFIED);
}


TEST(CheckpointsTest, EachGateKeepsTheStatusOfItsOwnClause) {
  const auto x = ExtractText("Officials said the Le Thanh - O Yadav border gate had been upgraded, while the "
                             "Dinh Ba - Banteay Chakrei main border gate stayed closed for repairs.",
                             2024, 6, 2);
  const auto* upgraded = FindCheckpoint(x, "le-thanh--o-yadav");
  const auto* closed = FindCheckpoint(x, "banteay-chakrei--dinh-ba");
  ASSERT_NE(upgraded, nullptr);
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(upgraded->status(), accord::v1::CHECKPOINT_STATUS_UPGRADED);
  EXPECT_EQ(closed->status(), accord::v1::CHECKPOINT_STATUS_CLOSED);
  EXPECT_EQ(closed->type(), accord::v1::CHECKPOINT_TYPE_MAIN);
}

TEST(CheckpointsTest, SidesJoinedByAndWithProvinces) {
  const auto x = ExtractText("The Thuong Phuoc (Dong Thap) and Koh Roka (Prey Veng) border gate pair was "
                             "inaugurated on Friday.");
  const auto* c = FindCheckpoint(x, "koh-roka--thuong-phuoc");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->sides_size(), 2);
  EXPECT_EQ(c->sides(0).country_code(), "VN");
  EXPECT_EQ(c->sides(0).province(), "Dong Thap");
  EXPECT_EQ(c->sides(1).country_code(), "KH");
  EXPECT_EQ(c->status(), accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
}

TEST(CheckpointsTest, ReopeningBeatsTheClosureItEnds) {
  const auto x = ExtractText("The O Smach international border gate in Oddar Meanchey province reopened to "
                             "tourists after months of closure.");
  ASSERT_EQ(x.checkpoints_size(), 1);
  EXPECT_EQ(x.checkpoints(0).status(), accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
}

TEST(CheckpointsTest, FutureReopeningIsPlannedAndAsTypeSetsType) {
  const auto x = ExtractText("The O Smach international border gate will reopen next month. The two sides also "
                             "agreed to open the Tong Le Chan - Sre Takuon border gate pair as a secondary border "
                             "gate.");
  ASSERT_EQ(x.checkpoints_size(), 2);
  EXPECT_EQ(x.checkpoints(0).status(), accord::v1::CHECKPOINT_STATUS_PLANNED);
  const auto* pair = FindCheckpoint(x, "sre-takuon--tong-le-chan");
  ASSERT_NE(pair, nullptr);
  EXPECT_EQ(pair->type(), accord::v1::CHECKPOINT_TYPE_SECONDARY);
  EXPECT_EQ(pair->status(), accord::v1::CHECKPOINT_STATUS_AGREED);
}

}  // namespace
}  // namespace accord::extraction
