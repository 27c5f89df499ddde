// The replica stores in a query service's data dir and which one serves.
//
// Layout: {data_dir}/replica-{N}/ are stores; {data_dir}/CURRENT names the
// serving one. A rebuild fills a fresh store while the old one keeps
// serving, then SwitchTo makes it current (CURRENT replaced atomically);
// the old store is closed and deleted once no reader holds it.
// Thread-safe.
#ifndef ACCORD_QUERY_SERVICE_REPLICATION_REPLICA_SET_H_
#define ACCORD_QUERY_SERVICE_REPLICATION_REPLICA_SET_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "query_service/store/replica_store.h"
#include "shared/sync/sequence_notifier.h"

namespace accord::query {

class ReplicaSet {
 public:
  // Opens the current store (creating the first one) and deletes leftovers
  // of an interrupted rebuild.
  static absl::StatusOr<std::unique_ptr<ReplicaSet>> Open(const std::string& data_dir,
                                                          const storage::RocksDbOptions& rocks);

  // The store that answers queries; hold the pointer for the whole request.
  std::shared_ptr<ReplicaStore> serving() const;

  // A new, empty store for a rebuild. It serves nothing until SwitchTo.
  absl::StatusOr<std::shared_ptr<ReplicaStore>> CreateFresh();

  // Makes `fresh` (from CreateFresh) the serving store; applied() becomes its
  // applied sequence, lower than before too when it follows another history.
  absl::Status SwitchTo(std::shared_ptr<ReplicaStore> fresh);

  // The serving store's applied sequence (waited on by min_sequence): 0 while
  // the serving store is known to hold another history than the feed's (a
  // rebuild after the ingest store was replaced), until SwitchTo.
  sync::SequenceNotifier& applied() { return applied_; }

 private:
  ReplicaSet(std::string data_dir, storage::RocksDbOptions rocks) : data_dir_(std::move(data_dir)), rocks_(rocks) {}
  absl::StatusOr<std::shared_ptr<ReplicaStore>> OpenStore(const std::string& name);

  const std::string data_dir_;
  const storage::RocksDbOptions rocks_;
  sync::SequenceNotifier applied_{0};
  mutable absl::Mutex mu_;
  std::shared_ptr<ReplicaStore> serving_ ABSL_GUARDED_BY(mu_);
  std::string serving_name_ ABSL_GUARDED_BY(mu_);
  int next_number_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace accord::query

#endif  // ACCORD_QUERY_SERVICE_REPLICATION_REPLICA_SET_H_
