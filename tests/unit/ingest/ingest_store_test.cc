#include "ingest_service/store/ingest_store.h"

#include "ingest_service/store/entity_merger.h"

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest_service/core/article_identity.h"
#include "ingest_service/store/entity_merger.h"
#include "ingest_service/store/ingest_column_families.h"
#include "tests/testing/fake_extractor.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace accord::ingest {
namespace {

using ::accord::testing::FakeExtractor;
using ::accord::testing::IsOk;
using ::accord::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The store's changes after `after`, parsed.
absl::StatusOr<std::vector<accord::v1::Change>> ReadChanges(const IngestStore& store, uint64_t after, size_t max) {
  auto stored = store.ReadStoredChanges(after, max, SIZE_MAX);
  if (!stored.ok()) return stored.status();
  std::vector<accord::v1::Change> changes(stored->size());
  for (size_t i = 0; i < stored->size(); ++i) {
    if (!changes[i].ParseFromString((*stored)[i].bytes)) return absl::DataLossError("a stored change does not parse");
  }
  return changes;
}

class IngestStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen(uint64_t retention = 1000) {
    store_.reset();
    IngestStoreOptions options;
    options.path = dir_.Sub("db");
    options.feed_retention = retention;
    auto store = IngestStore::Open(options);
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
  }

  // Stores an article whose text the fake extractor reads.
  absl::StatusOr<PutResult> Put(const std::string& text, int day = 1) {
    accord::v1::Article a;
    a.set_text(text);
    a.set_id(ArticleIdFor("", text));
    a.set_name(ArticleName(a.id()));
    a.mutable_published_on()->set_year(2024);
    a.mutable_published_on()->set_month(1);
    a.mutable_published_on()->set_day(day);
    return store_->Put(a, FakeExtractor().Extract(a));
  }

  std::vector<accord::v1::Change> AllChanges(uint64_t after = 0) {
    auto changes = ReadChanges(*store_, after, 100000);
    EXPECT_THAT(changes, IsOk());
    return changes.ok() ? *changes : std::vector<accord::v1::Change>();
  }

  testing::TempDir dir_;
  std::unique_ptr<IngestStore> store_;
};

TEST_F(IngestStoreTest, PutStoresArticleEntitiesAndContiguousChanges) {
  auto put = Put("official: Sar Sokha | KH\nplan: security | 2024\ncheckpoint: Moc Bai | Bavet | opened");
  ASSERT_THAT(put, IsOk());
  EXPECT_FALSE(put->already_present);
  EXPECT_EQ(put->sequence, 4u);  // article + 3 entities
  EXPECT_EQ(store_->head_sequence(), 4u);
  auto changes = AllChanges();
  ASSERT_EQ(changes.size(), 4u);
  for (size_t i = 0; i < changes.size(); ++i) EXPECT_EQ(changes[i].sequence(), i + 1);
  EXPECT_TRUE(changes[0].has_article());
  auto official = store_->GetOfficial("sar-sokha");
  ASSERT_THAT(official, IsOk());
  ASSERT_TRUE(official->has_value());
  EXPECT_EQ((*official)->country_code(), "KH");
  EXPECT_TRUE(store_->GetPlan("security-kh-vn-2024")->has_value());
  EXPECT_TRUE(store_->GetCheckpoint("moc-bai--bavet")->has_value());
}

TEST_F(IngestStoreTest, SameArticleTwiceChangesNothing) {
  ASSERT_THAT(Put("official: Sar Sokha | KH"), IsOk());
  const uint64_t head = store_->head_sequence();
  auto again = Put("official: Sar Sokha | KH");
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->already_present);
  EXPECT_EQ(again->sequence, head);
  EXPECT_EQ(again->extraction.officials_size(), 1);
  EXPECT_EQ(store_->head_sequence(), head);
}

TEST_F(IngestStoreTest, MergesAcrossArticlesAndWithdrawsOnDelete) {
  auto first = Put("official: Lương Tam Quang | VN\nplan: security | 2025", 5);
  auto second = Put("official: Luong Tam Quang | VN\nnote: another article", 9);
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  auto merged = *store_->GetOfficial("luong-tam-quang");
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(merged->display_name(), "Lương Tam Quang");
  EXPECT_EQ(merged->article_ids_size(), 2);
  EXPECT_EQ(merged->roles(0).first_seen().day(), 5);
  EXPECT_EQ(merged->roles(0).last_seen().day(), 9);

  const std::string first_id = first->extraction.article_id();
  const uint64_t before = store_->head_sequence();
  auto deleted = store_->DeleteArticle(first_id);
  ASSERT_THAT(deleted, IsOk());
  // article deleted + official rebuilt + plan deleted
  EXPECT_EQ(*deleted, before + 3);
  auto rebuilt = *store_->GetOfficial("luong-tam-quang");
  ASSERT_TRUE(rebuilt.has_value());
  EXPECT_THAT(rebuilt->article_ids(), ElementsAre(second->extraction.article_id()));
  EXPECT_EQ(rebuilt->display_name(), "Luong Tam Quang");  // only the ASCII form is left
  EXPECT_EQ(rebuilt->roles(0).first_seen().day(), 9);
  EXPECT_FALSE(store_->GetPlan("security-kh-vn-2025")->has_value());
  EXPECT_FALSE(store_->GetArticle(first_id)->has_value());

  auto changes = AllChanges(before);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].deleted_name(), ArticleName(first_id));
  EXPECT_TRUE(changes[1].has_official());
  EXPECT_EQ(changes[2].deleted_name(), "plans/security-kh-vn-2025");
  EXPECT_THAT(store_->DeleteArticle(first_id), StatusIs(absl::StatusCode::kNotFound, HasSubstr(first_id)));
}

TEST_F(IngestStoreTest, ConcurrentPutsAreGroupCommittedWithoutLosingAMerge) {
  constexpr int kThreads = 8, kPerThread = 40;
  std::vector<std::thread> threads;
  std::vector<std::vector<PutResult>> results(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Every article names the shared official; thread pairs send the same articles.
        const int n = (t / 2) * kPerThread + i;
        auto put = Put("official: Shared Person | KH\nofficial: Person Number" + std::to_string(n) + " | VN\nplan: security | " +
                       std::to_string(2000 + n % 20));
        ASSERT_THAT(put, IsOk());
        results[t].push_back(*put);
      }
    });
  }
  for (auto& th : threads) th.join();
  int stored = 0, present = 0;
  std::set<uint64_t> sequences;
  for (const auto& per_thread : results) {
    for (const PutResult& r : per_thread) {
      (r.already_present ? present : stored)++;
      if (!r.already_present) {
        EXPECT_TRUE(sequences.insert(r.sequence).second) << "two articles share a sequence";
      }
    }
  }
  EXPECT_EQ(stored, kThreads / 2 * kPerThread);  // each distinct article stored once
  EXPECT_EQ(present, kThreads / 2 * kPerThread);
  auto shared = *store_->GetOfficial("shared-person");
  ASSERT_TRUE(shared.has_value());
  // No merge lost to a concurrent one: every article is behind the record.
  auto supporters = store_->ArticlesSupporting("officials/shared-person");
  ASSERT_THAT(supporters, IsOk());
  EXPECT_EQ(supporters->size(), static_cast<size_t>(kThreads / 2 * kPerThread));
  EXPECT_EQ(shared->article_ids_size(), kMaxArticleIds);
  auto changes = AllChanges();
  ASSERT_EQ(changes.size(), store_->head_sequence());
  for (size_t i = 0; i < changes.size(); ++i) ASSERT_EQ(changes[i].sequence(), i + 1);
  Reopen();
  supporters = store_->ArticlesSupporting("officials/shared-person");
  ASSERT_THAT(supporters, IsOk());
  EXPECT_EQ(supporters->size(), static_cast<size_t>(kThreads / 2 * kPerThread));
}

TEST_F(IngestStoreTest, DeletesWithdrawSupportBeyondTheArticleIdsARecordLists) {
  constexpr int kArticles = kMaxArticleIds + 8;
  std::vector<std::string> ids;
  for (int i = 0; i < kArticles; ++i) {
    const std::string text = "official: Popular Person | KH\nofficial: Person Number" + std::to_string(i) + " | VN";
    ASSERT_THAT(Put(text), IsOk());
    ids.push_back(ArticleIdFor("", text));
  }
  ASSERT_EQ((*store_->GetOfficial("popular-person"))->article_ids_size(), kMaxArticleIds);
  // Delete all but the article with the largest id: one the record does not list.
  std::sort(ids.begin(), ids.end());
  for (int i = 0; i + 1 < kArticles; ++i) ASSERT_THAT(store_->DeleteArticle(ids[i]), IsOk());
  auto official = store_->GetOfficial("popular-person");
  ASSERT_THAT(official, IsOk());
  ASSERT_TRUE(official->has_value()) << "the record lost support it still has";
  EXPECT_THAT((*official)->article_ids(), ElementsAre(ids.back()));
  EXPECT_THAT(*store_->ArticlesSupporting("officials/popular-person"), ElementsAre(ids.back()));
  ASSERT_THAT(store_->DeleteArticle(ids.back()), IsOk());
  EXPECT_FALSE(store_->GetOfficial("popular-person")->has_value());
  EXPECT_TRUE(store_->ArticlesSupporting("officials/popular-person")->empty());
}

TEST_F(IngestStoreTest, ARecordAnArticleAddsNothingToIsNotPublishedAgain) {
  constexpr int kArticles = 3 * kMaxArticleIds;
  for (int i = 0; i < kArticles; ++i) {
    ASSERT_THAT(Put("official: Popular Person | KH\nofficial: Person Number" + std::to_string(i) + " | VN"), IsOk());
  }
  int published = 0;
  accord::v1::Official last;
  for (const accord::v1::Change& c : AllChanges()) {
    if (c.has_official() && c.official().id() == "popular-person") {
      ++published;
      last = c.official();
    }
  }
  // Once its capped lists are full, most articles leave it as it is.
  EXPECT_GE(published, kMaxArticleIds);
  EXPECT_LT(published, kArticles);
  // What was published last is what is stored.
  EXPECT_EQ(last.SerializeAsString(), (*store_->GetOfficial("popular-person"))->SerializeAsString());
  EXPECT_EQ(store_->ArticlesSupporting("officials/popular-person")->size(), static_cast<size_t>(kArticles));
}

TEST_F(IngestStoreTest, SupportersAreRebuiltForAStoreMadeBeforeThem) {
  for (int i = 0; i < 5; ++i) ASSERT_THAT(Put("official: Shared Person | KH\nplan: security | 202" + std::to_string(i)), IsOk());
  // Empty the supporters family, as in a store made before it existed.
  store_.reset();
  {
    auto db = storage::RocksDb::Open(dir_.Sub("db"), IngestFamilyNames(), storage::RocksDbOptions());
    ASSERT_THAT(db, IsOk());
    rocksdb::WriteBatch batch;
    ASSERT_TRUE(batch.DeleteRange((*db)->family(kSupporters), "", "\xff\xff\xff\xff").ok());
    ASSERT_THAT((*db)->Write(&batch), IsOk());
    std::unique_ptr<rocksdb::Iterator> it((*db)->db()->NewIterator(rocksdb::ReadOptions(), (*db)->family(kSupporters)));
    it->SeekToFirst();
    ASSERT_FALSE(it->Valid());
  }
  Reopen();
  EXPECT_EQ(store_->ArticlesSupporting("officials/shared-person")->size(), 5u);
  EXPECT_EQ(store_->ArticlesSupporting("plans/security-kh-vn-2022")->size(), 1u);
  // And the rebuilt list serves deletes: the record survives all but its last article.
  EXPECT_THAT(store_->DeleteArticle(ArticleIdFor("", "official: Shared Person | KH\nplan: security | 2020")), IsOk());
  EXPECT_EQ((*store_->GetOfficial("shared-person"))->article_ids_size(), 4);
}

TEST_F(IngestStoreTest, SurvivesReopen) {
  ASSERT_THAT(Put("official: Tea Banh | KH"), IsOk());
  const uint64_t head = store_->head_sequence();
  Reopen();
  EXPECT_EQ(store_->head_sequence(), head);
  EXPECT_TRUE(store_->GetOfficial("tea-banh")->has_value());
  auto next = Put("official: Hun Manet | KH");
  ASSERT_THAT(next, IsOk());
  EXPECT_EQ(next->sequence, head + 2);  // sequences continue, no reuse
}

TEST_F(IngestStoreTest, ReadChangesPagesAndRejectsWhatIsNotKept) {
  Reopen(/*retention=*/3);
  for (int i = 0; i < 5; ++i) ASSERT_THAT(Put("official: Person Number" + std::string(1, 'a' + i) + " | KH"), IsOk());
  // 10 changes, the newest 3 kept: 8, 9, 10.
  EXPECT_EQ(store_->head_sequence(), 10u);
  EXPECT_EQ(store_->first_kept_sequence(), 8u);
  EXPECT_THAT(ReadChanges(*store_, 0, 10), StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("no longer kept")));
  EXPECT_THAT(ReadChanges(*store_, 6, 10), StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("no longer kept")));
  auto kept = ReadChanges(*store_, 7, 2);
  ASSERT_THAT(kept, IsOk());
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].sequence(), 8u);
  EXPECT_EQ((*kept)[1].sequence(), 9u);
  EXPECT_TRUE(ReadChanges(*store_, 10, 10)->empty());
  EXPECT_THAT(ReadChanges(*store_, 11, 10), StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("beyond the feed's head")));
  Reopen(3);
  EXPECT_EQ(store_->first_kept_sequence(), 8u);
}

TEST_F(IngestStoreTest, StoredChangesAreTheParsedOnesAsBytesCutAtTheByteLimit) {
  for (int i = 0; i < 3; ++i) ASSERT_THAT(Put("official: Person Number" + std::string(1, 'a' + i) + " | KH"), IsOk());
  auto parsed = ReadChanges(*store_, 0, 100);
  auto stored = store_->ReadStoredChanges(0, 100, SIZE_MAX);
  ASSERT_THAT(parsed, IsOk());
  ASSERT_THAT(stored, IsOk());
  ASSERT_EQ(stored->size(), parsed->size());
  for (size_t i = 0; i < parsed->size(); ++i) {
    EXPECT_EQ((*stored)[i].sequence, (*parsed)[i].sequence());
    EXPECT_EQ((*stored)[i].bytes, (*parsed)[i].SerializeAsString());
  }
  // A limit below two changes' bytes gives one; the first always comes, even when over it.
  const size_t two = (*stored)[0].bytes.size() + (*stored)[1].bytes.size();
  auto cut = store_->ReadStoredChanges(0, 100, two - 1);
  ASSERT_THAT(cut, IsOk());
  EXPECT_EQ(cut->size(), 1u);
  auto tiny = store_->ReadStoredChanges(2, 100, 1);
  ASSERT_THAT(tiny, IsOk());
  ASSERT_EQ(tiny->size(), 1u);
  EXPECT_EQ((*tiny)[0].sequence, 3u);
  EXPECT_EQ(store_->ReadStoredChanges(0, 100, two)->size(), 2u);
}

}  // namespace
}  // namespace accord::ingest
