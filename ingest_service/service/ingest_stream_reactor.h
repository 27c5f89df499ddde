// IngestArticles: reads requests and ingests them in order, writing one result
// per request; a bad article gets an error result and the stream goes on.
// Reads run ahead of writes by up to kMaxPendingResults, so a client may write
// its whole batch before it reads; beyond that the reactor stops reading
// until the client reads (backpressure, bounded memory). Owns itself: deleted in OnDone.
#ifndef ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_
#define ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_

#include <cstdint>
#include <deque>

#include "absl/synchronization/mutex.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "ingest_service/core/article_ingestor.h"

namespace accord::ingest {

class IngestStreamReactor final
    : public grpc::ServerBidiReactor<accord::v1::IngestArticleRequest, accord::v1::IngestArticlesResponse> {
 public:
  static constexpr size_t kMaxPendingResults = 16;

  explicit IngestStreamReactor(ArticleIngestor* ingestor);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // Starts the next write, the next read, or Finish, as the state allows.
  void Advance() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  ArticleIngestor* ingestor_;
  accord::v1::IngestArticleRequest request_;  // owned by the read in flight
  absl::Mutex mu_;
  std::deque<accord::v1::IngestArticlesResponse> results_ ABSL_GUARDED_BY(mu_);  // front: the write in flight
  uint64_t next_index_ ABSL_GUARDED_BY(mu_) = 0;
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace accord::ingest

#endif  // ACCORD_INGEST_SERVICE_SERVICE_INGEST_STREAM_REACTOR_H_
