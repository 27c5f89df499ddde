// IngestArticles: ingests each request on the worker pool, up to `window` of
// one stream at once, and writes one result per request in request order; a
// bad article gets an error result and the stream goes on. Reading pauses
// while `window` requests are in flight or waiting to be written
// (backpressure, bounded memory), so a client may also write its whole batch
// before it reads. Messages travel as raw bytes and are parsed here, so a
// request that does not parse gets its own INVALID_ARGUMENT result like any
// other bad article instead of ending the stream. Owns itself: deleted in
// OnDone, which gRPC calls only after Finish, which waits for every job of
// the stream to be done.
#ifndef ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_
#define ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_

#include <cstdint>
#include <map>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "grpcpp/support/byte_buffer.h"
#include "ingest_service/core/article_ingestor.h"
#include "shared/sync/admission_limit.h"
#include "shared/sync/thread_pool.h"

namespace accord::ingest {

class IngestStreamReactor final : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  // Borrows `ingestor` and `workers`; holds `ticket` (its admission) until
  // deleted. REQUIRES: window >= 1.
  IngestStreamReactor(ArticleIngestor* ingestor, sync::ThreadPool* workers, int window,
                      std::unique_ptr<sync::AdmissionLimit::Ticket> ticket);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // Starts the next write, the next read, or Finish, as the state allows.
  void Advance() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  ArticleIngestor* ingestor_;
  sync::ThreadPool* workers_;
  const size_t window_;
  std::unique_ptr<sync::AdmissionLimit::Ticket> ticket_;
  grpc::ByteBuffer request_;  // owned by the read in flight
  absl::Mutex mu_;
  std::map<uint64_t, accord::v1::IngestArticlesResponse> results_ ABSL_GUARDED_BY(mu_);  // by index
  grpc::ByteBuffer writing_result_;                                                      // the write in flight
  uint64_t next_read_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t next_write_ ABSL_GUARDED_BY(mu_) = 0;
  size_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool failed_ ABSL_GUARDED_BY(mu_) = false;  // a write failed: the client is gone
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_
