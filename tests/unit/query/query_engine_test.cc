#include "query_service/query/query_engine.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/unit/query/replica_fixture.h"

namespace accord::query {
namespace {

using ::accord::testing::IsOk;
using ::accord::testing::StatusIs;
using testing::ChangeList;
using testing::D;
using testing::MakeArticle;
using testing::MakeOfficial;
using testing::MakePlan;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

class QueryEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = ReplicaStore::Open(dir_.Sub("replica"), storage::RocksDbOptions());
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
    ChangeList c;
    c.Add(MakeArticle("a1", D(2024, 1, 23), "Khmer Times"), {"officials/sar-sokha"})
        .Add(MakeArticle("a2", D(2025, 2, 19), "Viet Nam News"), {"officials/luong-tam-quang", "officials/sar-sokha"})
        .Add(MakeArticle("a3", D(2021, 1, 8), "VNA"), {"officials/tea-banh", "officials/ngo-xuan-lich"})
        .Add(MakeOfficial("Lương Tam Quang", "VN", "Ministry of Public Security", D(2025, 2, 19), {"a2"}))
        .Add(MakeOfficial("Sar Sokha", "KH", "Ministry of Interior", D(2024, 1, 23), {"a1", "a2"}))
        .Add(MakeOfficial("Tea Banh", "KH", "Ministry of National Defence", D(2021, 1, 8), {"a3"}))
        .Add(MakeOfficial("Ngo Xuan Lich", "VN", "Ministry of National Defence", D(2021, 1, 8), {"a3"}))
        .Add(MakePlan("security-kh-vn-2024", accord::v1::PLAN_KIND_SECURITY, 2024, 0, 0, {"KH", "VN"},
                      {"Sar Sokha", "To Lam"}))
        .Add(MakePlan("security-kh-vn-2025", accord::v1::PLAN_KIND_SECURITY, 2025, 0, 0, {"KH", "VN"},
                      {"Sar Sokha", "Lương Tam Quang"}))
        .Add(MakePlan("defence-kh-vn-2020-2024", accord::v1::PLAN_KIND_DEFENCE, 0, 2020, 2024, {"KH", "VN"}))
        .Add(MakePlan("defence-kh-vn-2021", accord::v1::PLAN_KIND_DEFENCE, 2021, 0, 0, {"KH", "VN"},
                      {"Tea Banh", "Ngo Xuan Lich"}))
        .Add(MakePlan("economic-la-vn-2030", accord::v1::PLAN_KIND_ECONOMIC, 0, 0, 2030, {"LA", "VN"}));
    ASSERT_THAT(store_->Apply("feed-1", c.changes()), IsOk());
  }

  std::vector<std::string> Officials(accord::v1::ListOfficialsRequest r) {
    auto response = engine_.ListOfficials(*store_, r);
    EXPECT_THAT(response, IsOk());
    std::vector<std::string> ids;
    if (response.ok()) {
      for (const auto& o : response->officials()) ids.push_back(o.id());
    }
    return ids;
  }

  std::vector<std::string> Plans(accord::v1::ListCooperationPlansRequest r) {
    auto response = engine_.ListCooperationPlans(*store_, r);
    EXPECT_THAT(response, IsOk());
    std::vector<std::string> ids;
    if (response.ok()) {
      for (const auto& p : response->plans()) ids.push_back(p.id());
    }
    return ids;
  }

  ::accord::testing::TempDir dir_;
  std::unique_ptr<ReplicaStore> store_;
  PageTokenCodec tokens_{absl::Hours(1)};
  QueryEngine engine_{&tokens_, QueryLimits()};
};

TEST_F(QueryEngineTest, GetFindsByNameAndNamesWhatIsMissing) {
  accord::v1::GetOfficialRequest get;
  get.set_name("officials/sar-sokha");
  auto official = engine_.GetOfficial(*store_, get);
  ASSERT_THAT(official, IsOk());
  EXPECT_EQ(official->display_name(), "Sar Sokha");
  get.set_name("officials/nobody");
  EXPECT_THAT(engine_.GetOfficial(*store_, get),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("officials/nobody")));
  get.set_name("plans/security-kh-vn-2024");
  EXPECT_THAT(engine_.GetOfficial(*store_, get), StatusIs(kInvalid, HasSubstr("name: must be of the form officials/")));
}

TEST_F(QueryEngineTest, ListOfficialsFilters) {
  accord::v1::ListOfficialsRequest r;
  EXPECT_THAT(Officials(r), ElementsAre("luong-tam-quang", "ngo-xuan-lich", "sar-sokha", "tea-banh"));
  r.set_country_code("kh");
  EXPECT_THAT(Officials(r), ElementsAre("sar-sokha", "tea-banh"));
  r.Clear();
  r.set_name_query("luong");  // diacritic-insensitive prefix of a word
  EXPECT_THAT(Officials(r), ElementsAre("luong-tam-quang"));
  r.set_name_query("QUA luo");
  EXPECT_THAT(Officials(r), ElementsAre("luong-tam-quang"));
  r.set_name_query("quang sokha");  // every word must match the same official
  EXPECT_THAT(Officials(r), IsEmpty());
  r.Clear();
  r.set_organization("ministry of NATIONAL defence");
  EXPECT_THAT(Officials(r), ElementsAre("ngo-xuan-lich", "tea-banh"));
  r.set_country_code("VN");
  EXPECT_THAT(Officials(r), ElementsAre("ngo-xuan-lich"));
  r.Clear();
  *r.mutable_active_on() = D(2021, 6, 1);
  EXPECT_THAT(Officials(r), ElementsAre("ngo-xuan-lich", "tea-banh"));
  *r.mutable_active_on() = D(2024, 0, 0);
  EXPECT_THAT(Officials(r), ElementsAre("luong-tam-quang", "sar-sokha"));
}

TEST_F(QueryEngineTest, ListPlansNewestFirstWithFilters) {
  accord::v1::ListCooperationPlansRequest r;
  EXPECT_THAT(Plans(r), ElementsAre("economic-la-vn-2030", "security-kh-vn-2025", "defence-kh-vn-2020-2024",
                                    "security-kh-vn-2024", "defence-kh-vn-2021"));
  r.set_year_from(2022);
  r.set_year_to(2022);  // only the protocol's period covers 2022
  EXPECT_THAT(Plans(r), ElementsAre("defence-kh-vn-2020-2024"));
  r.set_year_from(2021);
  r.set_year_to(2024);
  EXPECT_THAT(Plans(r), ElementsAre("defence-kh-vn-2020-2024", "security-kh-vn-2024", "defence-kh-vn-2021"));
  r.set_kind(accord::v1::PLAN_KIND_DEFENCE);
  EXPECT_THAT(Plans(r), ElementsAre("defence-kh-vn-2020-2024", "defence-kh-vn-2021"));
  r.Clear();
  r.set_country_code("LA");
  EXPECT_THAT(Plans(r), ElementsAre("economic-la-vn-2030"));
  r.Clear();
  r.set_signatory("sar sokha");
  EXPECT_THAT(Plans(r), ElementsAre("security-kh-vn-2025", "security-kh-vn-2024"));
  r.set_signatory("officials/luong-tam-quang");
  EXPECT_THAT(Plans(r), ElementsAre("security-kh-vn-2025"));
}

TEST_F(QueryEngineTest, ListArticlesByDateSourceAndSupportedRecord) {
  accord::v1::ListArticlesRequest r;
  auto ids = [&](const accord::v1::ListArticlesRequest& req) {
    std::vector<std::string> out;
    auto response = engine_.ListArticles(*store_, req);
    EXPECT_THAT(response, IsOk());
    if (response.ok()) {
      for (const auto& a : response->articles()) out.push_back(a.id());
    }
    return out;
  };
  EXPECT_THAT(ids(r), ElementsAre("a2", "a1", "a3"));
  *r.mutable_published_from() = D(2022);
  EXPECT_THAT(ids(r), ElementsAre("a2", "a1"));
  *r.mutable_published_to() = D(2024);  // the whole of 2024
  EXPECT_THAT(ids(r), ElementsAre("a1"));
  r.Clear();
  r.set_source("viet nam news");
  EXPECT_THAT(ids(r), ElementsAre("a2"));
  r.Clear();
  r.set_supports("officials/sar-sokha");
  EXPECT_THAT(ids(r), ElementsAre("a2", "a1"));
  r.set_supports("people/x");
  EXPECT_THAT(engine_.ListArticles(*store_, r), StatusIs(kInvalid, HasSubstr("supports:")));
}

TEST_F(QueryEngineTest, PagesCoverEverythingOnceInAStableOrder) {
  for (int page_size : {1, 2, 3}) {
    accord::v1::ListCooperationPlansRequest r;
    r.set_page_size(page_size);
    std::vector<std::string> all;
    int pages = 0;
    do {
      auto response = engine_.ListCooperationPlans(*store_, r);
      ASSERT_THAT(response, IsOk());
      for (const auto& p : response->plans()) all.push_back(p.id());
      r.set_page_token(response->next_page_token());
      ASSERT_LT(++pages, 20);
    } while (!r.page_token().empty());
    EXPECT_THAT(all, ElementsAre("economic-la-vn-2030", "security-kh-vn-2025", "defence-kh-vn-2020-2024",
                                 "security-kh-vn-2024", "defence-kh-vn-2021"))
        << "page_size " << page_size;
  }
}

TEST_F(QueryEngineTest, RejectsBadPageSizesTokensAndFilters) {
  accord::v1::ListOfficialsRequest r;
  r.set_page_size(-1);
  EXPECT_THAT(engine_.ListOfficials(*store_, r), StatusIs(kInvalid, HasSubstr("page_size")));
  r.set_page_size(100000);  // clamped, not rejected
  EXPECT_THAT(engine_.ListOfficials(*store_, r), IsOk());
  r.set_page_size(1);
  auto first = engine_.ListOfficials(*store_, r);
  ASSERT_THAT(first, IsOk());
  r.set_page_token(first->next_page_token());
  r.set_country_code("KH");  // the token belongs to the unfiltered query
  EXPECT_THAT(engine_.ListOfficials(*store_, r), StatusIs(kInvalid, HasSubstr("page_token")));
  r.Clear();
  r.set_country_code("Cambodia");
  EXPECT_THAT(engine_.ListOfficials(*store_, r), StatusIs(kInvalid, HasSubstr("country_code")));
  r.Clear();
  *r.mutable_active_on() = D(2024, 2, 30);
  EXPECT_THAT(engine_.ListOfficials(*store_, r), StatusIs(kInvalid, HasSubstr("active_on")));
  accord::v1::ListCooperationPlansRequest p;
  p.set_kind(static_cast<accord::v1::PlanKind>(99));
  EXPECT_THAT(engine_.ListCooperationPlans(*store_, p), StatusIs(kInvalid, HasSubstr("kind")));
  p.Clear();
  p.set_year_from(2025);
  p.set_year_to(2020);
  EXPECT_THAT(engine_.ListCooperationPlans(*store_, p), StatusIs(kInvalid, HasSubstr("year_from")));
  accord::v1::ListBorderCheckpointsRequest c;
  c.set_status(static_cast<accord::v1::CheckpointStatus>(42));
  EXPECT_THAT(engine_.ListBorderCheckpoints(*store_, c), StatusIs(kInvalid, HasSubstr("status")));
}

// Anyone can make a token with a valid checksum (there is no secret), so a
// forged position outside the query's own index range is refused rather
// than scanned from; a position inside it just continues from there.
TEST_F(QueryEngineTest, RejectsForgedTokensWhosePositionIsOutsideTheScan) {
  accord::v1::ListOfficialsRequest r;
  r.set_country_code("KH");
  r.set_page_size(1);
  auto first = engine_.ListOfficials(*store_, r);
  ASSERT_THAT(first, IsOk());
  ASSERT_FALSE(first->next_page_token().empty());
  accord::v1::ListOfficialsRequest filters = r;
  filters.clear_page_size();
  for (const std::string& position : {std::string(), std::string("\x01"), std::string(8, '\xFF')}) {
    r.set_page_token(tokens_.Encode(filters, position));
    EXPECT_THAT(engine_.ListOfficials(*store_, r), StatusIs(kInvalid, HasSubstr("page_token: is not a position")))
        << absl::CEscape(position);
  }
  r.set_page_token(first->next_page_token());
  EXPECT_THAT(engine_.ListOfficials(*store_, r), IsOk());

  accord::v1::ListArticlesRequest a;
  a.mutable_published_from()->set_year(2024);
  a.set_page_token(tokens_.Encode(a, std::string(8, '\xFF')));
  EXPECT_THAT(engine_.ListArticles(*store_, a), StatusIs(kInvalid, HasSubstr("page_token: is not a position")));
}

}  // namespace
}  // namespace accord::query

namespace accord::query {
namespace {

// The server-side scan deadline: with no time to spare, a page that filters
// out almost everything still ends (every 256 entries) with a token, and the
// pages together find exactly what one unhurried scan finds.
TEST(QueryEngineScanDeadlineTest, APageOutOfTimeEndsEarlyWithATokenAndLosesNothing) {
  accord::testing::TempDir dir;
  auto store = ReplicaStore::Open(dir.Sub("replica"), storage::RocksDbOptions());
  ASSERT_THAT(store, accord::testing::IsOk());
  testing::ChangeList c;
  for (int i = 0; i < 1000; ++i) {
    c.Add(testing::MakeOfficial(absl::StrCat("Person Number", i), "VN", "Ministry of Interior",
                                i % 400 == 7 ? testing::D(2030, 1, 1) : testing::D(2024, 1, 1), {"a1"}));
  }
  ASSERT_THAT((*store)->Apply("feed-1", c.changes()), accord::testing::IsOk());
  PageTokenCodec tokens(absl::Hours(1));
  QueryLimits hurried;
  hurried.max_scan_time = absl::ZeroDuration();
  QueryEngine engine(&tokens, hurried);
  accord::v1::ListOfficialsRequest request;
  // The country index leads the scan (all 1000); active_on is checked on each record.
  request.set_country_code("VN");
  request.mutable_active_on()->set_year(2030);
  request.mutable_active_on()->set_month(1);
  request.mutable_active_on()->set_day(1);
  std::set<std::string> found;
  int pages = 0;
  do {
    auto response = engine.ListOfficials(**store, request);
    ASSERT_THAT(response, accord::testing::IsOk());
    for (const auto& o : response->officials()) EXPECT_TRUE(found.insert(o.id()).second) << o.id();
    request.set_page_token(response->next_page_token());
    ASSERT_LT(++pages, 100);
  } while (!request.page_token().empty());
  EXPECT_EQ(found.size(), 3u);  // 7, 407, 807
  EXPECT_GE(pages, 4);          // 1000 entries, at most 256 a page
}

}  // namespace
}  // namespace accord::query
