// WatchChanges: streams the backlog after a sequence, then live changes as
// the store publishes them, without blocking a gRPC thread while it waits.
// Ends with UNAVAILABLE when the service shuts down, OUT_OF_RANGE when the
// changes asked for are not kept. Writes raw bytes: each response is
// assembled from the changes as stored (FeedResponseEncoder). Owns itself:
// deleted in OnDone.
#ifndef ACCORD_INGEST_SERVICE_SERVICE_WATCH_CHANGES_REACTOR_H_
#define ACCORD_INGEST_SERVICE_SERVICE_WATCH_CHANGES_REACTOR_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/synchronization/mutex.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/server_callback.h"
#include "ingest_service/service/ingest_service_impl.h"
#include "ingest_service/store/ingest_store.h"
#include "shared/sync/admission_limit.h"

namespace accord::ingest {

class WatchChangesReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  // `caller_feed_id` empty, or not this store's feed id: see WatchChangesRequest.feed_id.
  // Holds `ticket` (its admission) until deleted.
  WatchChangesReactor(IngestStore* store, uint64_t after_sequence, const std::string& caller_feed_id,
                      FeedOptions feed, std::unique_ptr<sync::AdmissionLimit::Ticket> ticket);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // Writes the next batch, or subscribes to the store's notifier to be called
  // again when there is one. REQUIRES: no write in flight.
  void SendNext();
  void FinishLocked(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  IngestStore* store_;
  const FeedOptions feed_;
  std::unique_ptr<sync::AdmissionLimit::Ticket> ticket_;
  absl::Mutex mu_;
  uint64_t sent_through_ ABSL_GUARDED_BY(mu_);
  bool first_sent_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<uint64_t> subscription_ ABSL_GUARDED_BY(mu_);
  grpc::ByteBuffer response_;  // the response being written
};

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_SERVICE_WATCH_CHANGES_REACTOR_H_
