#include "ingest_service/extraction/entity_ids.h"

#include "gtest/gtest.h"

namespace accord::extraction {
namespace {

TEST(EntityIdsTest, OfficialIdIgnoresDiacriticsAndCase) {
  EXPECT_EQ(OfficialId("Lương Tam Quang"), "luong-tam-quang");
  EXPECT_EQ(OfficialId("LUONG tam  Quang"), "luong-tam-quang");
  EXPECT_EQ(OfficialResourceName("luong-tam-quang"), "officials/luong-tam-quang");
}

TEST(EntityIdsTest, PlanIdForYearPeriodEndAndTitle) {
  EXPECT_EQ(PlanId(accord::v1::PLAN_KIND_SECURITY, {"VN", "KH"}, 2024, 0, 0, "2024 plan"), "security-kh-vn-2024");
  EXPECT_EQ(PlanId(accord::v1::PLAN_KIND_DEFENCE, {"kh", "VN"}, 0, 2020, 2024, ""), "defence-kh-vn-2020-2024");
  EXPECT_EQ(PlanId(accord::v1::PLAN_KIND_ECONOMIC, {"VN", "KH"}, 0, 0, 2030, ""), "economic-kh-vn-to-2030");
  EXPECT_EQ(PlanId(accord::v1::PLAN_KIND_BORDER, {"LA", "VN", "KH"}, 0, 0, 0, "MoU on Border Liaison"),
            "border-kh-la-vn-mou-on-border-liaison");
  EXPECT_EQ(PlanId(accord::v1::PLAN_KIND_UNSPECIFIED, {}, 2025, 0, 0, ""), "other-2025");
  EXPECT_EQ(PlanResourceName("x"), "plans/x");
}

TEST(EntityIdsTest, CheckpointIdIsOrderFree) {
  EXPECT_EQ(CheckpointId({"Tân Nét", "Meun Chey"}), "meun-chey--tan-net");
  EXPECT_EQ(CheckpointId({"Meun Chey", "Tan Net"}), "meun-chey--tan-net");
  EXPECT_EQ(CheckpointId({"Moc Bai"}), "moc-bai");
  EXPECT_EQ(CheckpointResourceName("moc-bai"), "checkpoints/moc-bai");
}

}  // namespace
}  // namespace accord::extraction
