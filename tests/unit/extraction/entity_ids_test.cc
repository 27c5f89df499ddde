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

// Found by extractor_fuzz on a sample article: a plan without a year took the
// whole slug of its title ("security-kh-vn-agreement-on-cooperation-in-...",
// 86 characters), and "plans/{id}" then failed the 64-character limit of
// resource names, so GetCooperationPlan could not fetch the plan.
TEST(EntityIdsTest, LongIdsAreCutTo64CharactersAndStayDistinct) {
  auto valid = [](const std::string& id) {
    return !id.empty() && id.size() <= 64 && id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
                                                 std::string::npos;
  };
  const std::string title = "Agreement on Cooperation in Preventing and Combating Transnational Crime";
  const std::string a = PlanId(accord::v1::PLAN_KIND_SECURITY, {"VN", "KH"}, 0, 0, 0, title);
  const std::string b = PlanId(accord::v1::PLAN_KIND_SECURITY, {"VN", "KH"}, 0, 0, 0, title + " at Sea");
  EXPECT_TRUE(valid(a)) << a;
  EXPECT_TRUE(valid(b)) << b;
  EXPECT_NE(a, b);
  EXPECT_EQ(a.substr(0, 40), "security-kh-vn-agreement-on-cooperation-");
  EXPECT_EQ(a, PlanId(accord::v1::PLAN_KIND_SECURITY, {"kh", "vn"}, 0, 0, 0, title));  // stable

  const std::string official = OfficialId(std::string(70, 'x') + " Nguyễn");
  EXPECT_TRUE(valid(official)) << official;
  const std::string checkpoint = CheckpointId({std::string(40, 'a'), std::string(40, 'b')});
  EXPECT_TRUE(valid(checkpoint)) << checkpoint;
  // Ids that fit are unchanged.
  EXPECT_EQ(OfficialId(std::string(64, 'y')), std::string(64, 'y'));
}

}  // namespace
}  // namespace accord::extraction
