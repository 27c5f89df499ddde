// The query replica's RocksDB store: records as the feed last gave them, a
// secondary index per filter, and the sequence applied so far.
//
// Apply writes a batch of contiguous changes, their index updates and the new
// applied sequence in one WriteBatch: after a crash the store holds exactly
// the changes up to its applied sequence, so following resumes right after it.
// Writes are not fsynced (the feed can always resend). Thread-safe: one
// applier at a time (the feed follower); reads take no lock.
#ifndef ACCORD_QUERY_SERVICE_STORE_REPLICA_STORE_H_
#define ACCORD_QUERY_SERVICE_STORE_REPLICA_STORE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "accord/v1/ingest_service.pb.h"
#include "accord/v1/records.pb.h"
#include "query_service/store/replica_column_families.h"
#include "shared/storage/rocks_db.h"

namespace accord::query {

class ReplicaStore {
 public:
  // Opens (creating) the store in directory `path`.
  static absl::StatusOr<std::unique_ptr<ReplicaStore>> Open(const std::string& path,
                                                            const storage::RocksDbOptions& rocks);

  // Applies `changes` from the feed `feed_id`. They must start right after
  // applied_sequence() and be contiguous, and come from the feed this store
  // follows (any feed while the store is empty); otherwise
  // FAILED_PRECONDITION naming the problem, and nothing is applied.
  absl::Status Apply(const std::string& feed_id,
                     const google::protobuf::RepeatedPtrField<accord::v1::Change>& changes);

  uint64_t applied_sequence() const { return applied_.load(); }
  // The feed this store follows; empty until the first change is applied.
  std::string feed_id() const;

  // std::nullopt when absent.
  absl::StatusOr<std::optional<accord::v1::Official>> GetOfficial(const std::string& id) const;
  absl::StatusOr<std::optional<accord::v1::CooperationPlan>> GetPlan(const std::string& id) const;
  absl::StatusOr<std::optional<accord::v1::BorderCheckpoint>> GetCheckpoint(const std::string& id) const;
  absl::StatusOr<std::optional<accord::v1::Article>> GetArticle(const std::string& id) const;

  // Visits the entries of index `family` with keys in [lower, upper) (upper
  // empty = no bound) and, when `after` is set, greater than it, in key
  // order. `visit(key, record_id)` returns false to stop.
  absl::Status ScanIndex(size_t family, const std::string& lower, const std::string& upper, const std::string& after,
                         const std::function<bool(std::string_view key, std::string_view id)>& visit) const;

  const std::string& path() const { return db_->path(); }

  // Compacts the whole store (after a bulk load); blocks until done.
  absl::Status Compact() { return db_->CompactAll(); }

 private:
  explicit ReplicaStore(std::unique_ptr<storage::RocksDb> db) : db_(std::move(db)) {}

  std::unique_ptr<storage::RocksDb> db_;
  mutable absl::Mutex apply_mu_;
  std::atomic<uint64_t> applied_{0};
  std::string feed_id_ ABSL_GUARDED_BY(apply_mu_);
  // Size of the last Apply's write batch: the next one reserves as much, so
  // batches of a catch-up are not grown (and copied) piece by piece.
  size_t last_batch_bytes_ ABSL_GUARDED_BY(apply_mu_) = 0;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_STORE_REPLICA_STORE_H_
