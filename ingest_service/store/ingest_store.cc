#include "ingest_service/store/ingest_store.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "openssl/rand.h"
#include "google/protobuf/util/time_util.h"
#include "ingest_service/store/entity_merger.h"
#include "ingest_service/store/ingest_column_families.h"
#include "rocksdb/iterator.h"
#include "shared/status/status_macros.h"
#include "shared/storage/key_codec.h"
#include "shared/storage/rocks_status.h"

namespace accord::ingest {
namespace {

using accord::v1::Article;
using accord::v1::ArticleExtraction;
using accord::v1::BorderCheckpoint;
using accord::v1::Change;
using accord::v1::CooperationPlan;
using accord::v1::Official;

constexpr char kHeadKey[] = "head_sequence";
constexpr char kFirstKeptKey[] = "first_kept_sequence";
constexpr char kFeedIdKey[] = "feed_id";

// How each entity kind is found in an extraction, merged and published.
template <typename T>
struct EntityTraits;

template <>
struct EntityTraits<Official> {
  static constexpr size_t kFamily = kOfficials;
  static const auto& In(const ArticleExtraction& e) { return e.officials(); }
  static void Merge(Official* s, const Official& c) { MergeOfficial(s, c); }
  static void Publish(Change* change, const Official& o) { *change->mutable_official() = o; }
};

template <>
struct EntityTraits<CooperationPlan> {
  static constexpr size_t kFamily = kPlans;
  static const auto& In(const ArticleExtraction& e) { return e.plans(); }
  static void Merge(CooperationPlan* s, const CooperationPlan& c) { MergePlan(s, c); }
  static void Publish(Change* change, const CooperationPlan& p) { *change->mutable_plan() = p; }
};

template <>
struct EntityTraits<BorderCheckpoint> {
  static constexpr size_t kFamily = kCheckpoints;
  static const auto& In(const ArticleExtraction& e) { return e.checkpoints(); }
  static void Merge(BorderCheckpoint* s, const BorderCheckpoint& c) { MergeCheckpoint(s, c); }
  static void Publish(Change* change, const BorderCheckpoint& c) { *change->mutable_checkpoint() = c; }
};

// Builds one WriteBatch of records plus their change-log entries.
class Commit {
 public:
  Commit(const storage::RocksDb& db, uint64_t head, absl::Time now) : db_(db), sequence_(head) {
    commit_time_ = google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  }

  void Put(size_t family, const std::string& key, const google::protobuf::Message& value) {
    batch_.Put(db_.family(family), key, value.SerializeAsString());
  }
  void PutEmpty(size_t family, const std::string& key) { batch_.Put(db_.family(family), key, ""); }
  void Delete(size_t family, const std::string& key) { batch_.Delete(db_.family(family), key); }

  // Appends a change with the next sequence; `fill` sets its payload.
  template <typename Fill>
  void AddChange(Fill fill) {
    Change change;
    change.set_sequence(++sequence_);
    *change.mutable_commit_time() = commit_time_;
    fill(&change);
    batch_.Put(db_.family(kChanges), storage::SequenceKey(sequence_), change.SerializeAsString());
  }

  uint64_t sequence() const { return sequence_; }
  rocksdb::WriteBatch* batch() { return &batch_; }

  // Entities as this commit has merged them so far (later articles in a
  // group commit merge into these, not into what the DB still holds).
  template <typename T>
  std::map<std::string, T>& Merged();
  // Articles this commit stores.
  std::set<std::string>& added_articles() { return added_articles_; }

 private:
  const storage::RocksDb& db_;
  uint64_t sequence_;
  google::protobuf::Timestamp commit_time_;
  rocksdb::WriteBatch batch_;
  std::map<std::string, Official> officials_;
  std::map<std::string, CooperationPlan> plans_;
  std::map<std::string, BorderCheckpoint> checkpoints_;
  std::set<std::string> added_articles_;
};

template <>
std::map<std::string, Official>& Commit::Merged<Official>() { return officials_; }
template <>
std::map<std::string, CooperationPlan>& Commit::Merged<CooperationPlan>() { return plans_; }
template <>
std::map<std::string, BorderCheckpoint>& Commit::Merged<BorderCheckpoint>() { return checkpoints_; }

template <typename Record>
absl::StatusOr<std::optional<Record>> Parse(absl::StatusOr<std::optional<std::string>> raw, std::string_view what) {
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::optional<Record>();
  Record record;
  if (!record.ParseFromString(**raw)) {
    return absl::DataLossError(absl::StrCat("stored ", absl::string_view(what.data(), what.size()), " does not parse"));
  }
  return std::optional<Record>(std::move(record));
}

// The supporters key of (record, article), and the prefix of all of a record's.
std::string SupporterKey(const std::string& record_name, const std::string& article_id) {
  return storage::KeyBuilder().String(record_name).String(article_id).Build();
}
std::string SupportersPrefix(const std::string& record_name) {
  return storage::KeyBuilder().String(record_name).Build();
}

// Every article id behind `record_name`, in id order.
absl::StatusOr<std::vector<std::string>> Supporters(const storage::RocksDb& db, const std::string& record_name) {
  const std::string lower = SupportersPrefix(record_name);
  const std::string upper = storage::PrefixSuccessor(lower);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db.db()->NewIterator(options, db.family(kSupporters)));
  std::vector<std::string> ids;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    storage::KeyReader reader(std::string_view(it->key().data(), it->key().size()));
    std::string name, id;
    if (!reader.String(&name) || !reader.String(&id)) return absl::DataLossError("supporters key is corrupt");
    ids.push_back(std::move(id));
  }
  RETURN_IF_ERROR(storage::FromRocks(it->status(), "read supporters"));
  return ids;
}

// Folds the contributions of `extraction` into stored entities, in `commit`.
template <typename T>
absl::Status MergeEntities(const std::string& article_id, const ArticleExtraction& extraction,
                           const storage::RocksDb& db, Commit* commit) {
  using Traits = EntityTraits<T>;
  std::map<std::string, T>& merged = commit->Merged<T>();  // id -> merged record, across the commit
  std::set<std::string> touched;
  for (const T& contribution : Traits::In(extraction)) {
    if (contribution.id().empty()) continue;
    auto it = merged.find(contribution.id());
    if (it == merged.end()) {
      ASSIGN_OR_RETURN(std::optional<T> stored,
                       Parse<T>(db.Get(Traits::kFamily, contribution.id()), contribution.name()));
      it = merged.emplace(contribution.id(), stored.value_or(T())).first;
    }
    commit->PutEmpty(kSupporters, SupporterKey(contribution.name(), article_id));
    // A record this article adds nothing to (a popular one, its capped
    // lists full) is neither rewritten nor published again.
    // (Compared as bytes: a reflection-based comparison cost a fifth of the ingest's CPU.)
    const std::string before = it->second.SerializeAsString();
    Traits::Merge(&it->second, contribution);
    if (it->second.SerializeAsString() != before) touched.insert(contribution.id());
  }
  // A record touched by several articles of one commit is written (and
  // published) once per article; the last write wins in the batch.
  for (const std::string& id : touched) {
    const T& record = merged.at(id);
    commit->Put(Traits::kFamily, id, record);
    commit->AddChange([&](Change* c) { Traits::Publish(c, record); });
  }
  return absl::OkStatus();
}

// Withdraws `article_id`'s support from the entities `extraction` touched.
template <typename T>
absl::Status WithdrawEntities(const std::string& article_id, const ArticleExtraction& extraction,
                              const storage::RocksDb& db, Commit* commit) {
  using Traits = EntityTraits<T>;
  std::set<std::string> ids;
  for (const T& contribution : Traits::In(extraction)) ids.insert(contribution.id());
  for (const std::string& id : ids) {
    if (id.empty()) continue;
    ASSIGN_OR_RETURN(std::optional<T> stored, Parse<T>(db.Get(Traits::kFamily, id), id));
    if (!stored.has_value()) continue;
    T rebuilt;
    commit->Delete(kSupporters, SupporterKey(stored->name(), article_id));
    ASSIGN_OR_RETURN(std::vector<std::string> supporters, Supporters(db, stored->name()));
    for (const std::string& other : supporters) {
      if (other == article_id) continue;
      ASSIGN_OR_RETURN(std::optional<ArticleExtraction> other_extraction,
                       Parse<ArticleExtraction>(db.Get(kExtractions, other), other));
      if (!other_extraction.has_value()) continue;
      for (const T& contribution : Traits::In(*other_extraction)) {
        if (contribution.id() == id) Traits::Merge(&rebuilt, contribution);
      }
    }
    if (rebuilt.id().empty()) {
      commit->Delete(Traits::kFamily, id);
      const std::string name = stored->name();
      commit->AddChange([&](Change* c) { c->set_deleted_name(name); });
    } else {
      commit->Put(Traits::kFamily, id, rebuilt);
      commit->AddChange([&](Change* c) { Traits::Publish(c, rebuilt); });
    }
  }
  return absl::OkStatus();
}

std::string EncodeUint64(uint64_t v) { return storage::KeyBuilder().Uint64(v).Build(); }

}  // namespace

IngestStore::IngestStore(IngestStoreOptions options, std::unique_ptr<storage::RocksDb> db)
    : options_(std::move(options)), db_(std::move(db)) {}

absl::StatusOr<std::unique_ptr<IngestStore>> IngestStore::Open(IngestStoreOptions options) {
  if (options.feed_retention < 1) return absl::InvalidArgumentError("feed_retention: must be at least 1");
  if (!options.clock) options.clock = [] { return absl::Now(); };
  ASSIGN_OR_RETURN(std::unique_ptr<storage::RocksDb> db,
                   storage::RocksDb::Open(options.path, IngestFamilyNames(), options.rocks));
  std::unique_ptr<IngestStore> store(new IngestStore(std::move(options), std::move(db)));
  RETURN_IF_ERROR(store->LoadFeedBounds());
  RETURN_IF_ERROR(store->BackfillSupporters());
  store->notifier_ = std::make_unique<sync::SequenceNotifier>(store->head_.load());
  return store;
}

absl::Status IngestStore::BackfillSupporters() {
  std::unique_ptr<rocksdb::Iterator> any(db_->db()->NewIterator(rocksdb::ReadOptions(), db_->family(kSupporters)));
  any->SeekToFirst();
  RETURN_IF_ERROR(storage::FromRocks(any->status(), "read supporters"));
  if (any->Valid()) return absl::OkStatus();
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(rocksdb::ReadOptions(), db_->family(kExtractions)));
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string article_id = it->key().ToString();
    ArticleExtraction extraction;
    if (!extraction.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError(absl::StrCat("stored extraction of ", article_id, " does not parse"));
    }
    auto add = [&](const auto& records) {
      for (const auto& r : records) {
        if (!r.id().empty()) batch.Put(db_->family(kSupporters), SupporterKey(r.name(), article_id), "");
      }
    };
    add(extraction.officials());
    add(extraction.plans());
    add(extraction.checkpoints());
    if (batch.Count() >= 10000) {
      RETURN_IF_ERROR(db_->Write(&batch));
      batch.Clear();
    }
  }
  RETURN_IF_ERROR(storage::FromRocks(it->status(), "read extractions"));
  if (batch.Count() > 0) RETURN_IF_ERROR(db_->Write(&batch));
  return absl::OkStatus();
}

absl::Status IngestStore::LoadFeedBounds() {
  ASSIGN_OR_RETURN(std::optional<std::string> feed_id, db_->Get(kMeta, kFeedIdKey));
  if (feed_id.has_value()) {
    feed_id_ = *feed_id;
  } else {
    unsigned char random[8];
    if (RAND_bytes(random, sizeof(random)) != 1) return absl::InternalError("no randomness for the feed id");
    feed_id_ = absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(random), sizeof(random)));
    rocksdb::WriteBatch batch;
    batch.Put(db_->family(kMeta), kFeedIdKey, feed_id_);
    RETURN_IF_ERROR(db_->Write(&batch));
  }
  for (const auto& [key, target] : {std::pair<const char*, std::atomic<uint64_t>*>{kHeadKey, &head_},
                                    std::pair<const char*, std::atomic<uint64_t>*>{kFirstKeptKey, &first_kept_}}) {
    ASSIGN_OR_RETURN(std::optional<std::string> raw, db_->Get(kMeta, key));
    if (!raw.has_value()) continue;
    uint64_t value;
    if (!storage::ParseSequenceKey(*raw, &value)) return absl::DataLossError(absl::StrCat("meta ", key, " is corrupt"));
    target->store(value);
  }
  return absl::OkStatus();
}

template <typename Record>
absl::StatusOr<std::optional<Record>> IngestStore::GetRecord(size_t family, const std::string& key) const {
  return Parse<Record>(db_->Get(family, key), key);
}

absl::StatusOr<std::optional<Article>> IngestStore::GetArticle(const std::string& id) const {
  return GetRecord<Article>(kArticles, id);
}
absl::StatusOr<std::optional<ArticleExtraction>> IngestStore::GetExtraction(const std::string& article_id) const {
  return GetRecord<ArticleExtraction>(kExtractions, article_id);
}
absl::StatusOr<std::optional<Official>> IngestStore::GetOfficial(const std::string& id) const {
  return GetRecord<Official>(kOfficials, id);
}
absl::StatusOr<std::optional<CooperationPlan>> IngestStore::GetPlan(const std::string& id) const {
  return GetRecord<CooperationPlan>(kPlans, id);
}
absl::StatusOr<std::optional<BorderCheckpoint>> IngestStore::GetCheckpoint(const std::string& id) const {
  return GetRecord<BorderCheckpoint>(kCheckpoints, id);
}

absl::Status IngestStore::WriteCommit(rocksdb::WriteBatch* batch, uint64_t new_head) {
  uint64_t first_kept = first_kept_.load();
  if (new_head >= options_.feed_retention && new_head - options_.feed_retention + 1 > first_kept) {
    const uint64_t new_first = new_head - options_.feed_retention + 1;
    batch->DeleteRange(db_->family(kChanges), storage::SequenceKey(first_kept), storage::SequenceKey(new_first));
    first_kept = new_first;
  }
  batch->Put(db_->family(kMeta), kHeadKey, EncodeUint64(new_head));
  batch->Put(db_->family(kMeta), kFirstKeptKey, EncodeUint64(first_kept));
  RETURN_IF_ERROR(db_->Write(batch));
  first_kept_.store(first_kept);
  head_.store(new_head);
  return absl::OkStatus();
}

absl::StatusOr<PutResult> IngestStore::Put(const Article& article, const ArticleExtraction& extraction) {
  if (article.id().empty()) return absl::InvalidArgumentError("article.id: must be set before storing");
  PendingPut me;
  me.article = &article;
  me.extraction = &extraction;
  std::vector<PendingPut*> group;
  {
    absl::MutexLock lock(&queue_mu_);
    queue_.push_back(&me);
    while (!me.done && queue_.front() != &me) me.cv.Wait(&queue_mu_);
    if (me.done) return std::move(me.result);
    // The front of the queue commits everything queued behind it, up to a bound.
    for (size_t i = 0; i < queue_.size() && group.size() < kMaxGroup; ++i) group.push_back(queue_[i]);
  }
  uint64_t published = 0;
  {
    absl::MutexLock lock(&write_mu_);
    absl::Status status = CommitGroup(group);
    if (!status.ok()) {
      for (PendingPut* p : group) p->result = status;
    } else {
      published = head_.load();
    }
  }
  if (published > 0) notifier_->Publish(published);
  {
    absl::MutexLock lock(&queue_mu_);
    for (PendingPut* p : group) {
      queue_.pop_front();
      p->done = true;
      if (p != &me) p->cv.Signal();
    }
    if (!queue_.empty()) queue_.front()->cv.Signal();  // the next leader
  }
  return std::move(me.result);
}

absl::Status IngestStore::CommitGroup(const std::vector<PendingPut*>& group) {
  Commit commit(*db_, head_.load(), options_.clock());
  for (PendingPut* p : group) {
    const Article& article = *p->article;
    PutResult result;
    ASSIGN_OR_RETURN(std::optional<Article> existing, GetArticle(article.id()));
    if (existing.has_value() || commit.added_articles().count(article.id()) > 0) {
      result.already_present = true;
      if (existing.has_value()) {
        ASSIGN_OR_RETURN(std::optional<ArticleExtraction> stored, GetExtraction(article.id()));
        if (stored.has_value()) result.extraction = std::move(*stored);
      } else {
        result.extraction = *p->extraction;  // stored by an earlier article of this group
      }
      p->result = std::move(result);
      continue;
    }
    commit.added_articles().insert(article.id());
    commit.Put(kArticles, article.id(), article);
    commit.Put(kExtractions, article.id(), *p->extraction);
    commit.AddChange([&](Change* c) {
      *c->mutable_article() = article;
      for (const auto& o : p->extraction->officials()) c->add_supports(o.name());
      for (const auto& pl : p->extraction->plans()) c->add_supports(pl.name());
      for (const auto& cp : p->extraction->checkpoints()) c->add_supports(cp.name());
    });
    RETURN_IF_ERROR(MergeEntities<Official>(article.id(), *p->extraction, *db_, &commit));
    RETURN_IF_ERROR(MergeEntities<CooperationPlan>(article.id(), *p->extraction, *db_, &commit));
    RETURN_IF_ERROR(MergeEntities<BorderCheckpoint>(article.id(), *p->extraction, *db_, &commit));
    result.sequence = commit.sequence();
    result.extraction = *p->extraction;
    p->result = std::move(result);
  }
  if (commit.sequence() > head_.load()) RETURN_IF_ERROR(WriteCommit(commit.batch(), commit.sequence()));
  // Already-present articles report the head after this commit.
  for (PendingPut* p : group) {
    if (p->result.ok() && p->result->already_present) p->result->sequence = head_.load();
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> IngestStore::DeleteArticle(const std::string& id) {
  uint64_t sequence;
  {
    absl::MutexLock lock(&write_mu_);
    ASSIGN_OR_RETURN(std::optional<Article> article, GetArticle(id));
    if (!article.has_value()) return absl::NotFoundError(absl::StrCat("articles/", id, " not found"));
    ASSIGN_OR_RETURN(std::optional<ArticleExtraction> extraction, GetExtraction(id));
    Commit commit(*db_, head_.load(), options_.clock());
    commit.Delete(kArticles, id);
    commit.Delete(kExtractions, id);
    commit.AddChange([&](Change* c) { c->set_deleted_name(article->name()); });
    if (extraction.has_value()) {
      RETURN_IF_ERROR(WithdrawEntities<Official>(id, *extraction, *db_, &commit));
      RETURN_IF_ERROR(WithdrawEntities<CooperationPlan>(id, *extraction, *db_, &commit));
      RETURN_IF_ERROR(WithdrawEntities<BorderCheckpoint>(id, *extraction, *db_, &commit));
    }
    RETURN_IF_ERROR(WriteCommit(commit.batch(), commit.sequence()));
    sequence = commit.sequence();
  }
  notifier_->Publish(sequence);
  return sequence;
}

absl::StatusOr<std::vector<std::string>> IngestStore::ArticlesSupporting(const std::string& record_name) const {
  return Supporters(*db_, record_name);
}

absl::StatusOr<std::vector<IngestStore::StoredChange>> IngestStore::ReadStoredChanges(uint64_t after, size_t max,
                                                                                      size_t max_bytes) const {
  const uint64_t head = head_.load();
  if (after > head) {
    return absl::OutOfRangeError(
        absl::StrCat("after_sequence ", after, " is beyond the feed's head ", head, "; rebuild from 0"));
  }
  auto out_of_range = [&] {
    return absl::OutOfRangeError(absl::StrCat("changes after sequence ", after,
                                              " are no longer kept (oldest kept: ", first_kept_.load(),
                                              "); rebuild from 0"));
  };
  if (after + 1 < first_kept_.load()) return out_of_range();
  std::vector<StoredChange> changes;
  if (after == head || max == 0) return changes;
  const uint64_t last = std::min<uint64_t>(head, after + max);
  const std::string lower = storage::SequenceKey(after + 1);
  const std::string upper = storage::SequenceKey(last + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(read_options, db_->family(kChanges)));
  uint64_t expected = after + 1;
  size_t bytes = 0;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    uint64_t sequence;
    if (!storage::ParseSequenceKey(std::string_view(it->key().data(), it->key().size()), &sequence)) {
      return absl::DataLossError("change-log key is corrupt");
    }
    if (sequence != expected) return out_of_range();  // trimmed while we read
    if (!changes.empty() && bytes + it->value().size() > max_bytes) return changes;
    bytes += it->value().size();
    changes.push_back({sequence, it->value().ToString()});
    ++expected;
  }
  RETURN_IF_ERROR(storage::FromRocks(it->status(), "read changes"));
  if (changes.empty() || changes.back().sequence != last) return out_of_range();
  return changes;
}

}  // namespace accord::ingest
