#include "query_service/store/replica_store.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "query_service/store/index_keys.h"
#include "rocksdb/iterator.h"
#include "shared/status/status_macros.h"
#include "shared/storage/key_codec.h"
#include "shared/storage/rocks_status.h"

namespace accord::query {
namespace {

using accord::v1::Change;

constexpr char kAppliedKey[] = "applied_sequence";
constexpr char kFeedIdKey[] = "feed_id";

template <typename Record>
absl::StatusOr<std::optional<Record>> ParseRecord(absl::StatusOr<std::optional<std::string>> raw,
                                                  const std::string& id) {
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::optional<Record>();
  Record record;
  if (!record.ParseFromString(**raw)) return absl::DataLossError(absl::StrCat("stored record ", id, " does not parse"));
  return std::optional<Record>(std::move(record));
}

// The family and id of a resource name ("plans/x" -> kPlans, "x").
bool ParseName(const std::string& name, size_t* family, std::string* id) {
  static const std::pair<const char*, ReplicaFamily> kKinds[] = {
      {"articles/", kArticles}, {"officials/", kOfficials}, {"plans/", kPlans}, {"checkpoints/", kCheckpoints}};
  for (const auto& [prefix, f] : kKinds) {
    const std::string_view p(prefix);
    if (name.size() > p.size() && name.compare(0, p.size(), p) == 0) {
      *family = f;
      *id = name.substr(p.size());
      return true;
    }
  }
  return false;
}

// One Apply call: the batch plus what it has written so far, so that later
// changes in the same batch see earlier ones.
class ApplyBatch {
 public:
  ApplyBatch(const storage::RocksDb& db, size_t reserve_bytes) : db_(db), batch_(reserve_bytes) {}

  absl::Status PutRecord(size_t family, const std::string& id, const std::string& name,
                         const google::protobuf::Message& record, std::vector<IndexEntry> entries) {
    batch_.Put(db_.family(family), id, record.SerializeAsString());
    return ReplaceIndexEntries(name, id, std::move(entries));
  }

  absl::Status DeleteRecord(size_t family, const std::string& id, const std::string& name) {
    batch_.Delete(db_.family(family), id);
    return ReplaceIndexEntries(name, id, {});
  }

  rocksdb::WriteBatch* batch() { return &batch_; }

 private:
  // Writes the index keys `name` owns now and deletes those it no longer owns.
  absl::Status ReplaceIndexEntries(const std::string& name, const std::string& id, std::vector<IndexEntry> now) {
    std::vector<IndexEntry> before;
    auto pending = entries_.find(name);
    if (pending != entries_.end()) {
      before = pending->second;
    } else {
      const std::string key = storage::KeyBuilder().String(name).Build();
      ASSIGN_OR_RETURN(std::optional<std::string> raw, db_.Get(kIndexEntries, key));
      if (raw.has_value() && !DecodeIndexEntries(*raw, &before)) {
        return absl::DataLossError(absl::StrCat("index entries of ", name, " are corrupt"));
      }
    }
    std::vector<IndexEntry> removed, added;
    std::set_difference(before.begin(), before.end(), now.begin(), now.end(), std::back_inserter(removed));
    std::set_difference(now.begin(), now.end(), before.begin(), before.end(), std::back_inserter(added));
    for (const IndexEntry& e : removed) batch_.Delete(db_.family(e.family), e.key);
    for (const IndexEntry& e : added) batch_.Put(db_.family(e.family), e.key, e.value.empty() ? id : e.value);
    const std::string key = storage::KeyBuilder().String(name).Build();
    if (now.empty()) {
      batch_.Delete(db_.family(kIndexEntries), key);
    } else {
      batch_.Put(db_.family(kIndexEntries), key, EncodeIndexEntries(now));
    }
    entries_[name] = std::move(now);
    return absl::OkStatus();
  }

  const storage::RocksDb& db_;
  rocksdb::WriteBatch batch_;
  std::map<std::string, std::vector<IndexEntry>> entries_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ReplicaStore>> ReplicaStore::Open(const std::string& path,
                                                                 const storage::RocksDbOptions& rocks) {
  ASSIGN_OR_RETURN(std::unique_ptr<storage::RocksDb> db, storage::RocksDb::Open(path, ReplicaFamilyNames(), rocks));
  std::unique_ptr<ReplicaStore> store(new ReplicaStore(std::move(db)));
  ASSIGN_OR_RETURN(std::optional<std::string> raw, store->db_->Get(kMeta, kAppliedKey));
  if (raw.has_value()) {
    uint64_t applied;
    if (!storage::ParseSequenceKey(*raw, &applied)) return absl::DataLossError("applied_sequence is corrupt");
    store->applied_.store(applied);
  }
  ASSIGN_OR_RETURN(std::optional<std::string> feed_id, store->db_->Get(kMeta, kFeedIdKey));
  absl::MutexLock lock(&store->apply_mu_);
  store->feed_id_ = feed_id.value_or("");
  return store;
}

std::string ReplicaStore::feed_id() const {
  absl::MutexLock lock(&apply_mu_);
  return feed_id_;
}

absl::Status ReplicaStore::Apply(const std::string& feed_id, const google::protobuf::RepeatedPtrField<Change>& changes) {
  if (changes.empty()) return absl::OkStatus();
  absl::MutexLock lock(&apply_mu_);
  if (!feed_id_.empty() && feed_id != feed_id_) {
    return absl::FailedPreconditionError(
        absl::StrCat("feed changed: this store follows feed ", feed_id_, ", the changes come from ", feed_id));
  }
  uint64_t expected = applied_.load() + 1;
  ApplyBatch batch(*db_, last_batch_bytes_ + last_batch_bytes_ / 4);
  for (const Change& change : changes) {
    if (change.sequence() != expected) {
      return absl::FailedPreconditionError(
          absl::StrCat("feed gap: expected sequence ", expected, ", got ", change.sequence()));
    }
    ++expected;
    switch (change.change_case()) {
      case Change::kArticle:
        RETURN_IF_ERROR(batch.PutRecord(kArticles, change.article().id(), change.article().name(), change.article(),
                                        IndexEntriesFor(change.article(), change.supports())));
        break;
      case Change::kOfficial:
        RETURN_IF_ERROR(batch.PutRecord(kOfficials, change.official().id(), change.official().name(),
                                        change.official(), IndexEntriesFor(change.official())));
        break;
      case Change::kPlan:
        RETURN_IF_ERROR(batch.PutRecord(kPlans, change.plan().id(), change.plan().name(), change.plan(),
                                        IndexEntriesFor(change.plan())));
        break;
      case Change::kCheckpoint:
        RETURN_IF_ERROR(batch.PutRecord(kCheckpoints, change.checkpoint().id(), change.checkpoint().name(),
                                        change.checkpoint(), IndexEntriesFor(change.checkpoint())));
        break;
      case Change::kDeletedName: {
        size_t family;
        std::string id;
        if (!ParseName(change.deleted_name(), &family, &id)) {
          return absl::DataLossError(absl::StrCat("change ", change.sequence(), " deletes an unknown name ",
                                                  change.deleted_name()));
        }
        RETURN_IF_ERROR(batch.DeleteRecord(family, id, change.deleted_name()));
        break;
      }
      case Change::CHANGE_NOT_SET:
        break;  // a change kind this replica does not know: nothing to store
    }
  }
  const uint64_t applied = expected - 1;
  batch.batch()->Put(db_->family(kMeta), kAppliedKey, storage::SequenceKey(applied));
  batch.batch()->Put(db_->family(kMeta), kFeedIdKey, feed_id);
  last_batch_bytes_ = batch.batch()->GetDataSize();
  RETURN_IF_ERROR(db_->Write(batch.batch()));
  applied_.store(applied);
  feed_id_ = feed_id;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<accord::v1::Official>> ReplicaStore::GetOfficial(const std::string& id) const {
  return ParseRecord<accord::v1::Official>(db_->Get(kOfficials, id), id);
}
absl::StatusOr<std::optional<accord::v1::CooperationPlan>> ReplicaStore::GetPlan(const std::string& id) const {
  return ParseRecord<accord::v1::CooperationPlan>(db_->Get(kPlans, id), id);
}
absl::StatusOr<std::optional<accord::v1::BorderCheckpoint>> ReplicaStore::GetCheckpoint(const std::string& id) const {
  return ParseRecord<accord::v1::BorderCheckpoint>(db_->Get(kCheckpoints, id), id);
}
absl::StatusOr<std::optional<accord::v1::Article>> ReplicaStore::GetArticle(const std::string& id) const {
  return ParseRecord<accord::v1::Article>(db_->Get(kArticles, id), id);
}

absl::Status ReplicaStore::ScanIndex(size_t family, const std::string& lower, const std::string& upper,
                                     const std::string& after,
                                     const std::function<bool(std::string_view, std::string_view)>& visit) const {
  rocksdb::ReadOptions options;
  rocksdb::Slice upper_slice(upper);
  if (!upper.empty()) options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(options, db_->family(family)));
  const std::string& start = !after.empty() && after > lower ? after : lower;
  for (it->Seek(start); it->Valid(); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    if (!after.empty() && key == after) continue;
    if (!visit(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return storage::FromRocks(it->status(), "scan index");
}

}  // namespace accord::query
