// The ingest service's RocksDB store: articles, what each said, the entities
// merged across articles, and the change feed. The only writer of its data dir.
//
// Every mutation is one synced WriteBatch (article, extraction, merged
// entities, change-log entries, feed head): when a method returns OK the
// change is durable and visible on the feed, with contiguous sequences.
// Concurrent Puts are group-committed: they queue, and the one at the front
// writes the whole queue (up to kMaxGroup) as one WriteBatch with one WAL
// sync, in queue order, then wakes the others.
// Thread-safe: writers are serialised by an internal mutex; reads take no lock.
#ifndef ACCORD_INGEST_SERVICE_STORE_INGEST_STORE_H_
#define ACCORD_INGEST_SERVICE_STORE_INGEST_STORE_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "accord/v1/ingest_service.pb.h"
#include "accord/v1/records.pb.h"
#include "shared/sync/sequence_notifier.h"
#include "shared/storage/rocks_db.h"

namespace accord::ingest {

struct IngestStoreOptions {
  // The RocksDB directory; created (mode 0700) when missing.
  std::string path;
  // How many of the newest changes the feed keeps; older ones are trimmed and
  // a reader asking for them gets OUT_OF_RANGE. REQUIRES: >= 1.
  uint64_t feed_retention = 1'000'000;
  storage::RocksDbOptions rocks;
  // Commit timestamps; absl::Now unless a test injects a clock.
  std::function<absl::Time()> clock;
};

struct PutResult {
  bool already_present = false;
  // The commit's sequence; the current head when already present.
  uint64_t sequence = 0;
  // What the article said (the stored extraction when already present).
  accord::v1::ArticleExtraction extraction;
};

class IngestStore {
 public:
  // Most articles one group commit writes.
  static constexpr size_t kMaxGroup = 64;

  static absl::StatusOr<std::unique_ptr<IngestStore>> Open(IngestStoreOptions options);

  // Stores `article` (id, name and ingest_time already set), `extraction`,
  // the entities it touches merged with what is stored, and one change per
  // record. An article whose id is stored already changes nothing.
  absl::StatusOr<PutResult> Put(const accord::v1::Article& article, const accord::v1::ArticleExtraction& extraction);

  // Deletes the article and its extraction and withdraws its support from each
  // entity it touched: an entity left with support is rebuilt from the
  // remaining articles, one left with none is deleted. Returns the commit's
  // sequence; NOT_FOUND when no article has that id.
  absl::StatusOr<uint64_t> DeleteArticle(const std::string& id);

  // std::nullopt when absent.
  absl::StatusOr<std::optional<accord::v1::Article>> GetArticle(const std::string& id) const;
  absl::StatusOr<std::optional<accord::v1::ArticleExtraction>> GetExtraction(const std::string& article_id) const;
  absl::StatusOr<std::optional<accord::v1::Official>> GetOfficial(const std::string& id) const;
  absl::StatusOr<std::optional<accord::v1::CooperationPlan>> GetPlan(const std::string& id) const;
  absl::StatusOr<std::optional<accord::v1::BorderCheckpoint>> GetCheckpoint(const std::string& id) const;

  // Ids of every article behind the record named `record_name`
  // ("officials/{id}", ...), in id order (records list kMaxArticleIds).
  absl::StatusOr<std::vector<std::string>> ArticlesSupporting(const std::string& record_name) const;

  // Up to `max` changes with sequence > `after`, in order and contiguous,
  // each as stored: its sequence and serialized accord.v1.Change, unparsed
  // (the feed sends them on as they are; RocksDB checks their block
  // checksums). `max_bytes` cuts the result before it exceeds that many
  // bytes of changes; the first change always comes. OUT_OF_RANGE when
  // `after` is beyond the head, or when changes right after it were trimmed
  // (the reader must rebuild from 0).
  struct StoredChange {
    uint64_t sequence;
    std::string bytes;
  };
  absl::StatusOr<std::vector<StoredChange>> ReadStoredChanges(uint64_t after, size_t max, size_t max_bytes) const;

  // Made once when the store is created; a new store means a new feed history.
  const std::string& feed_id() const { return feed_id_; }
  uint64_t head_sequence() const { return head_.load(); }
  // The head once no commit is in flight: at least the sequence of anything
  // a read can already see (head_sequence() may lag a write just made visible).
  uint64_t settled_head_sequence() const {
    absl::MutexLock lock(&write_mu_);
    return head_.load();
  }
  uint64_t first_kept_sequence() const { return first_kept_.load(); }
  sync::SequenceNotifier& notifier() { return *notifier_; }

 private:
  // A Put waiting in the group-commit queue.
  struct PendingPut {
    const accord::v1::Article* article = nullptr;
    const accord::v1::ArticleExtraction* extraction = nullptr;
    absl::StatusOr<PutResult> result = absl::UnknownError("not committed");
    bool done = false;
    absl::CondVar cv;
  };

  IngestStore(IngestStoreOptions options, std::unique_ptr<storage::RocksDb> db);
  // Stores each of `group` in one WriteBatch, setting each one's result.
  // REQUIRES: write_mu_ held.
  absl::Status CommitGroup(const std::vector<PendingPut*>& group);
  absl::Status LoadFeedBounds();
  // A store made before the supporters family has it empty while holding
  // articles: fills it from the stored extractions (once; cheap when empty).
  absl::Status BackfillSupporters();
  // Adds the feed bounds to `batch` (trimming changes retention no longer
  // keeps), writes it durably, then advances the in-memory head.
  // REQUIRES: write_mu_ held.
  absl::Status WriteCommit(rocksdb::WriteBatch* batch, uint64_t new_head);

  template <typename Record>
  absl::StatusOr<std::optional<Record>> GetRecord(size_t family, const std::string& key) const;

  IngestStoreOptions options_;
  std::unique_ptr<storage::RocksDb> db_;
  std::unique_ptr<sync::SequenceNotifier> notifier_;
  mutable absl::Mutex write_mu_;  // one commit at a time (group commits and deletes)
  absl::Mutex queue_mu_;
  std::deque<PendingPut*> queue_ ABSL_GUARDED_BY(queue_mu_);
  std::atomic<uint64_t> head_{0};
  std::atomic<uint64_t> first_kept_{1};
  std::string feed_id_;
};

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_STORE_INGEST_STORE_H_
