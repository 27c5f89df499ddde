#include "query_service/store/replica_store.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "query_service/store/index_keys.h"
#include "shared/storage/key_codec.h"
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ReplicaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto store = ReplicaStore::Open(dir_.Sub("replica"), storage::RocksDbOptions());
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
  }
  // Ids found under an index prefix.
  std::vector<std::string> Lookup(size_t family, const std::string& prefix) {
    std::vector<std::string> ids;
    EXPECT_THAT(store_->ScanIndex(family, prefix, storage::PrefixSuccessor(prefix), "",
                                  [&](std::string_view, std::string_view id) {
                                    ids.emplace_back(id);
                                    return true;
                                  }),
                IsOk());
    return ids;
  }
  std::string Key(const std::string& s) { return storage::KeyBuilder().String(s).Build(); }

  ::accord::testing::TempDir dir_;
  std::unique_ptr<ReplicaStore> store_;
};

TEST_F(ReplicaStoreTest, AppliesContiguousChangesAndIndexesThem) {
  ChangeList changes;
  changes.Add(MakeArticle("a1", D(2024, 1, 5), "VNA"), {"officials/luong-tam-quang"})
      .Add(MakeOfficial("Lương Tam Quang", "VN", "Ministry of Public Security", D(2024, 1, 5), {"a1"}));
  ASSERT_THAT(store_->Apply("feed-1", changes.changes()), IsOk());
  EXPECT_EQ(store_->applied_sequence(), 2u);
  EXPECT_TRUE(store_->GetOfficial("luong-tam-quang")->has_value());
  EXPECT_THAT(Lookup(kOfficialsByCountry, Key("VN")), ElementsAre("luong-tam-quang"));
  EXPECT_THAT(Lookup(kOfficialsByNamePrefix, Key("luo")), ElementsAre("luong-tam-quang"));
  EXPECT_THAT(Lookup(kOfficialsByNamePrefix, Key("qua")), ElementsAre("luong-tam-quang"));
  EXPECT_THAT(Lookup(kOfficialsByOrganization, Key("ministry of public security")), ElementsAre("luong-tam-quang"));
  EXPECT_THAT(Lookup(kArticlesByRecord, Key("officials/luong-tam-quang")), ElementsAre("a1"));
}

TEST_F(ReplicaStoreTest, RejectsAGapAndAppliesNothing) {
  ChangeList first;
  first.Add(MakeArticle("a1", D(2024), "X"));
  ASSERT_THAT(store_->Apply("feed-1", first.changes()), IsOk());
  ChangeList skipping(/*after=*/2);  // starts at 3, but 2 was never applied
  skipping.Add(MakeArticle("a3", D(2024), "X"));
  EXPECT_THAT(store_->Apply("feed-1", skipping.changes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("expected sequence 2, got 3")));
  EXPECT_EQ(store_->applied_sequence(), 1u);
  EXPECT_FALSE(store_->GetArticle("a3")->has_value());
}

TEST_F(ReplicaStoreTest, RefusesChangesFromAnotherFeed) {
  ChangeList first;
  first.Add(MakeArticle("a1", D(2024), "X"));
  ASSERT_THAT(store_->Apply("feed-1", first.changes()), IsOk());
  EXPECT_EQ(store_->feed_id(), "feed-1");
  ChangeList next(first.last());
  next.Add(MakeArticle("a2", D(2024), "X"));
  EXPECT_THAT(store_->Apply("feed-2", next.changes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("feed changed")));
  EXPECT_EQ(store_->applied_sequence(), 1u);
  Reopen();
  EXPECT_EQ(store_->feed_id(), "feed-1");
}

TEST_F(ReplicaStoreTest, UpsertMovesIndexEntriesAndDeleteRemovesThem) {
  ChangeList changes;
  changes.Add(MakeOfficial("Sar Sokha", "KH", "Ministry of Interior", D(2024, 1)));
  ASSERT_THAT(store_->Apply("feed-1", changes.changes()), IsOk());
  ChangeList update(changes.last());
  update.Add(MakeOfficial("Sar Sokha", "VN", "", D(2024, 1)));  // country changed, organization gone
  ASSERT_THAT(store_->Apply("feed-1", update.changes()), IsOk());
  EXPECT_TRUE(Lookup(kOfficialsByCountry, Key("KH")).empty());
  EXPECT_THAT(Lookup(kOfficialsByCountry, Key("VN")), ElementsAre("sar-sokha"));
  EXPECT_TRUE(Lookup(kOfficialsByOrganization, Key("ministry of interior")).empty());

  ChangeList del(update.last());
  del.Delete("officials/sar-sokha");
  ASSERT_THAT(store_->Apply("feed-1", del.changes()), IsOk());
  EXPECT_FALSE(store_->GetOfficial("sar-sokha")->has_value());
  for (size_t family = kOfficialsByCountry; family < kIndexEntries; ++family) {
    EXPECT_TRUE(Lookup(family, "").empty()) << ReplicaFamilyNames()[family];
  }
}

TEST_F(ReplicaStoreTest, AnArticleOwnsItsSupportEntries) {
  ChangeList changes;
  changes.Add(MakeArticle("a1", D(2024, 3, 1), "X"), {"officials/sar-sokha", "plans/security-kh-vn-2024"})
      .Add(MakeArticle("a2", D(2025, 1, 1), "X"), {"officials/sar-sokha"});
  ASSERT_THAT(store_->Apply("feed-1", changes.changes()), IsOk());
  EXPECT_THAT(Lookup(kArticlesByRecord, Key("officials/sar-sokha")), ElementsAre("a2", "a1"));  // newest first
  EXPECT_THAT(Lookup(kArticlesByRecord, Key("plans/security-kh-vn-2024")), ElementsAre("a1"));
  ChangeList del(changes.last());
  del.Delete("articles/a1");
  ASSERT_THAT(store_->Apply("feed-1", del.changes()), IsOk());
  EXPECT_THAT(Lookup(kArticlesByRecord, Key("officials/sar-sokha")), ElementsAre("a2"));
  EXPECT_TRUE(Lookup(kArticlesByRecord, Key("plans/security-kh-vn-2024")).empty());
}

TEST_F(ReplicaStoreTest, LaterChangesInOneBatchSeeEarlierOnes) {
  ChangeList changes;
  changes.Add(MakeOfficial("Tea Banh", "KH", "Ministry of National Defence", D(2021, 1)))
      .Add(MakeOfficial("Tea Banh", "KH", "", D(2021, 1)))
      .Delete("officials/tea-banh")
      .Add(MakeOfficial("Tea Banh", "KH", "", D(2021, 1)));
  ASSERT_THAT(store_->Apply("feed-1", changes.changes()), IsOk());
  EXPECT_TRUE(Lookup(kOfficialsByOrganization, "").empty());
  EXPECT_THAT(Lookup(kOfficialsByCountry, Key("KH")), ElementsAre("tea-banh"));
}

TEST_F(ReplicaStoreTest, ResumesAfterReopen) {
  ChangeList changes;
  changes.Add(MakeArticle("a1", D(2024), "X")).Add(MakeArticle("a2", D(2024), "X"));
  ASSERT_THAT(store_->Apply("feed-1", changes.changes()), IsOk());
  Reopen();
  EXPECT_EQ(store_->applied_sequence(), 2u);
  EXPECT_TRUE(store_->GetArticle("a2")->has_value());
}

TEST(IndexKeysTest, EntriesRoundTripAndPlansCoverTheirYears) {
  auto plan = testing::MakePlan("defence-kh-vn-2020-2024", accord::v1::PLAN_KIND_DEFENCE, 0, 2020, 2024, {"KH", "VN"});
  const auto entries = IndexEntriesFor(plan);
  EXPECT_EQ(std::count_if(entries.begin(), entries.end(), [](const IndexEntry& e) { return e.family == kPlansByYear; }),
            5);
  std::vector<IndexEntry> decoded;
  ASSERT_TRUE(DecodeIndexEntries(EncodeIndexEntries(entries), &decoded));
  EXPECT_EQ(decoded, entries);
  EXPECT_FALSE(DecodeIndexEntries("garbage", &decoded));
  EXPECT_EQ(PlanSortYear(plan), 2024);
  EXPECT_EQ(DateKey(D(2024, 3, 7)), 20240307);
}

TEST(IndexKeysTest, ActiveMonthsSpanAYearAroundEachRole) {
  auto o = MakeOfficial("X Y", "KH", "", D(2024, 6, 1));
  const std::vector<int32_t> months = OfficialActiveMonths(o);
  EXPECT_EQ(months.front(), 202306);
  EXPECT_EQ(months.back(), 202506);
  EXPECT_EQ(months.size(), 25u);
}

}  // namespace
}  // namespace accord::query
